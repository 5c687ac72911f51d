package io.qless.dashboard.web;

import io.qless.core.QlessOperations;
import io.qless.dashboard.app.DashboardTestApplication;
import io.qless.dashboard.app.Seeds;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.RedisConnectionFactory;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code qless.dashboard.read-only=true} and {@code qless.dashboard.show-data=false}.
 */
@SpringBootTest(classes = DashboardTestApplication.class,
		properties = { "qless.dashboard.enabled=true", "qless.dashboard.read-only=true",
				"qless.dashboard.show-data=false" })
@QlessRedisTest
@DirtiesContext
class DashboardReadOnlyTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> TestRedis.shared().url());
	}

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private QlessOperations qless;

	@Autowired
	private RedisConnectionFactory connectionFactory;

	private MockMvc mvc;

	private Seeds seeds;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
		this.seeds = Seeds.plant(this.qless, this.connectionFactory);
	}

	@Test
	void pagesShowNoActionAndNoData() throws Exception {
		for (String page : new String[] { "/qless/job?jid=" + this.seeds.waiting, "/qless/queue?name=gnomes",
				"/qless/failures/group?group=gnomes.OutOfHats", "/qless/throttles",
				"/qless/recurring/job?jid=gnome-census" }) {
			this.mvc.perform(get(page).with(user("admin").roles("QLESS_ADMIN")))
				.andExpect(status().isOk())
				.andExpect(content().string(not(containsString("/qless/actions/"))))
				.andExpect(content().string(not(containsString("Fizzlebang"))));
		}
		this.mvc.perform(get("/qless/job").param("jid", this.seeds.waiting).with(user("admin").roles("QLESS_ADMIN")))
			.andExpect(content().string(containsString("show-data=false")));
	}

	@Test
	void everyActionIsRefused() throws Exception {
		for (String action : new String[] { "queue/pause", "job/cancel", "job/retry", "failures/cancel",
				"recurring/delete", "throttle" }) {
			this.mvc.perform(post("/qless/actions/" + action).param("name", "gnomes")
				.param("jid", this.seeds.waiting)
				.param("group", "gnomes.OutOfHats")
				.param("id", "t")
				.param("maximum", "1")
				.param("confirm", "yes")
				.with(user("admin").roles("QLESS_ADMIN"))
				.with(csrf())).andExpect(status().isForbidden()).andExpect(content().string(containsString("read-only")));
		}
		assertThat(this.qless.queue("gnomes").counts().paused()).isFalse();
		assertThat(this.qless.jobs().get(this.seeds.waiting)).isNotNull();
		assertThat(this.qless.failures().groups()).containsKey("gnomes.OutOfHats");
		assertThat(this.qless.recurring().get("gnome-census")).isNotNull();
	}

}
