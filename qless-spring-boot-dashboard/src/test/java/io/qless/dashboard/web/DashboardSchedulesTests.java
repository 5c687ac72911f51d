package io.qless.dashboard.web;

import java.time.Duration;
import java.time.ZoneId;

import io.qless.core.QlessOperations;
import io.qless.core.ScheduleDefinition;
import io.qless.dashboard.app.DashboardTestApplication;
import io.qless.schedule.ScheduleManager;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The schedules page and its actions over HTTP: names and data escaped, pause, resume and
 * run now, with what they change in Redis.
 */
@SpringBootTest(classes = DashboardTestApplication.class, properties = "qless.dashboard.enabled=true")
@QlessRedisTest
@DirtiesContext
class DashboardSchedulesTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> TestRedis.shared().url());
	}

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private QlessOperations qless;

	@Autowired
	private ScheduleManager schedules;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
		this.schedules.register(ScheduleDefinition
			.cron("gnome-report", "0 30 2 * * *", ZoneId.of("Europe/Paris"), "gnomes", "gnomes.Report")
			.data("{\"who\":\"<script>alert(1)</script>\"}"));
		this.schedules.register(ScheduleDefinition.interval("<b>sweep</b>", Duration.ofMinutes(15), "gnomes", "Sweep"));
	}

	@Test
	void listsTheSchedulesEscaped() throws Exception {
		this.mvc.perform(get("/qless/schedules").with(user("admin").roles("QLESS_ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("gnome-report")))
			.andExpect(content().string(containsString("cron 0 30 2 * * * (Europe/Paris)")))
			.andExpect(content().string(containsString("every 15 min")))
			.andExpect(content().string(containsString("&lt;b&gt;sweep&lt;/b&gt;")))
			.andExpect(content().string(not(containsString("<b>sweep</b>"))))
			.andExpect(content().string(not(containsString("<script>alert(1)</script>"))));
	}

	@Test
	void pauseResumeAndRunNow() throws Exception {
		this.mvc
			.perform(post("/qless/actions/schedule/pause").param("name", "gnome-report")
				.with(user("admin").roles("QLESS_ADMIN"))
				.with(csrf()))
			.andExpect(status().isFound())
			.andExpect(flash().attribute("message", "Schedule gnome-report paused."));
		assertThat(this.qless.schedules().get("gnome-report").paused()).isTrue();
		this.mvc.perform(get("/qless/schedules").with(user("admin").roles("QLESS_ADMIN")))
			.andExpect(content().string(containsString("Resume")));
		this.mvc
			.perform(post("/qless/actions/schedule/resume").param("name", "gnome-report")
				.with(user("admin").roles("QLESS_ADMIN"))
				.with(csrf()))
			.andExpect(flash().attribute("message", "Schedule gnome-report resumed."));
		assertThat(this.qless.schedules().get("gnome-report").paused()).isFalse();
		this.mvc
			.perform(post("/qless/actions/schedule/trigger").param("name", "gnome-report")
				.with(user("admin").roles("QLESS_ADMIN"))
				.with(csrf()))
			.andExpect(flash().attribute("message", containsString("Schedule gnome-report triggered: job ")));
		assertThat(this.qless.schedules().get("gnome-report").triggered()).isOne();
		this.mvc
			.perform(post("/qless/actions/schedule/trigger").param("name", "nope")
				.with(user("admin").roles("QLESS_ADMIN"))
				.with(csrf()))
			.andExpect(flash().attribute("error", "No schedule nope."));
	}

	@Test
	void usersWithoutTheAuthorityCannotAct() throws Exception {
		this.mvc
			.perform(post("/qless/actions/schedule/pause").param("name", "gnome-report")
				.with(user("someone").roles("USER"))
				.with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(this.qless.schedules().get("gnome-report").paused()).isFalse();
	}

}
