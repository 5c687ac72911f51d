package io.qless.dashboard.web;

import java.time.Duration;

import io.qless.core.JobState;
import io.qless.core.QlessOperations;
import io.qless.core.RecurringJob;
import io.qless.core.Throttle;
import io.qless.dashboard.app.DashboardTestApplication;
import io.qless.dashboard.app.Seeds;
import io.qless.dashboard.data.RecurringPause;
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
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every action over HTTP, with what it changes in Redis.
 */
@SpringBootTest(classes = DashboardTestApplication.class, properties = "qless.dashboard.enabled=true")
@QlessRedisTest
@DirtiesContext
class DashboardActionsTests {

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

	private ResultActions act(String action, String... parameters) throws Exception {
		MockHttpServletRequestBuilder request = post("/qless/actions/" + action)
			.with(user("admin").roles("QLESS_ADMIN"))
			.with(csrf());
		for (int i = 0; i < parameters.length; i += 2) {
			request.param(parameters[i], parameters[i + 1]);
		}
		return this.mvc.perform(request);
	}

	@Test
	void retryPutsAFailedJobBackIntoItsQueue() throws Exception {
		act("job/retry", "jid", this.seeds.failed).andExpect(status().isFound())
			.andExpect(redirectedTo("/qless/job?jid=" + this.seeds.failed))
			.andExpect(flash().attribute("message", "Job " + this.seeds.failed + " put into queue errands."));
		assertThat(this.qless.jobs().get(this.seeds.failed).state()).isEqualTo(JobState.WAITING);
		assertThat(this.qless.failures().groups()).doesNotContainKey("gnomes.OutOfHats");
	}

	@Test
	void moveKeepsDataTagsAndPriority() throws Exception {
		act("job/move", "jid", this.seeds.waiting, "queue", "elsewhere").andExpect(status().isFound());
		var job = this.qless.jobs().get(this.seeds.waiting);
		assertThat(job.queue()).isEqualTo("elsewhere");
		assertThat(job.tags()).contains("vip", "north");
		assertThat(job.priority()).isEqualTo(5);
		assertThat(job.data()).contains("Fizzlebang");
	}

	@Test
	void cancelAsksFirstThenDeletes() throws Exception {
		act("job/cancel", "jid", this.seeds.scheduled, "queue", "gnomes").andExpect(status().isOk())
			.andExpect(content().string(org.hamcrest.Matchers.containsString("confirm-box")));
		assertThat(this.qless.jobs().get(this.seeds.scheduled)).isNotNull();
		act("job/cancel", "jid", this.seeds.scheduled, "queue", "gnomes", "confirm", "yes")
			.andExpect(redirectedTo("/qless/queue?name=gnomes"));
		assertThat(this.qless.jobs().get(this.seeds.scheduled)).isNull();
	}

	@Test
	void cancelOfAJobOthersDependOnIsReported() throws Exception {
		act("job/cancel", "jid", this.seeds.waiting, "confirm", "yes")
			.andExpect(flash().attribute("error", org.hamcrest.Matchers.startsWith("qless refused")));
		assertThat(this.qless.jobs().get(this.seeds.waiting)).isNotNull();
	}

	@Test
	void priorityTagsAndTracking() throws Exception {
		act("job/priority", "jid", this.seeds.waiting, "priority", "-3").andExpect(status().isFound());
		assertThat(this.qless.jobs().get(this.seeds.waiting).priority()).isEqualTo(-3);
		act("job/tag", "jid", this.seeds.waiting, "tag", "urgent").andExpect(status().isFound());
		assertThat(this.qless.jobs().get(this.seeds.waiting).tags()).contains("urgent");
		act("job/untag", "jid", this.seeds.waiting, "tag", "vip").andExpect(status().isFound());
		assertThat(this.qless.jobs().get(this.seeds.waiting).tags()).doesNotContain("vip");
		act("job/track", "jid", this.seeds.waiting).andExpect(status().isFound());
		assertThat(this.qless.jobs().get(this.seeds.waiting).tracked()).isTrue();
		act("job/untrack", "jid", this.seeds.waiting).andExpect(status().isFound());
		assertThat(this.qless.jobs().get(this.seeds.waiting).tracked()).isFalse();
	}

	@Test
	void pauseUnpauseAndThrottleAQueue() throws Exception {
		act("queue/pause", "name", "gnomes").andExpect(redirectedTo("/qless/queue?name=gnomes"));
		assertThat(this.qless.queue("gnomes").counts().paused()).isTrue();
		act("queue/unpause", "name", "gnomes").andExpect(status().isFound());
		assertThat(this.qless.queue("gnomes").counts().paused()).isFalse();
		act("queue/throttle", "name", "gnomes", "maximum", "3").andExpect(status().isFound());
		assertThat(this.qless.throttles().getQueueThrottle("gnomes").maximum()).isEqualTo(3);
		act("throttle", "id", "gnome-crew", "maximum", "4").andExpect(redirectedTo("/qless/throttles?id=gnome-crew"));
		assertThat(this.qless.throttles().get("gnome-crew").maximum()).isEqualTo(4);
		act("throttle", "id", "gnome-crew", "maximum", "-1")
			.andExpect(flash().attribute("error", "The maximum must not be negative"));
		assertThat(this.qless.throttles().get(Throttle.queueThrottleId("narrow")).maximum()).isEqualTo(1);
	}

	@Test
	void retryAndCancelAFailureGroup() throws Exception {
		String second = failAnother();
		act("failures/retry", "group", "gnomes.OutOfHats", "queue", "errands").andExpect(status().isOk());
		act("failures/retry", "group", "gnomes.OutOfHats", "queue", "errands", "confirm", "yes")
			.andExpect(redirectedTo("/qless/failures"))
			.andExpect(flash().attribute("message", "2 jobs of group gnomes.OutOfHats put into queue errands."));
		assertThat(this.qless.jobs().get(this.seeds.failed).state()).isEqualTo(JobState.WAITING);
		assertThat(this.qless.jobs().get(second).state()).isEqualTo(JobState.WAITING);

		String third = failAnother();
		act("failures/cancel", "group", "gnomes.OutOfHats", "confirm", "yes")
			.andExpect(flash().attribute("message", "1 jobs of group gnomes.OutOfHats canceled."));
		assertThat(this.qless.jobs().get(third)).isNull();
		assertThat(this.qless.failures().groups()).isEmpty();
	}

	@Test
	void editPauseResumeAndDeleteARecurringJob() throws Exception {
		act("recurring/update", "jid", "gnome-census", "interval", "3600", "priority", "2", "retries", "1", "backlog",
				"1", "queue", "gnomes")
			.andExpect(redirectedTo("/qless/recurring/job?jid=gnome-census"));
		RecurringJob template = this.qless.recurring().get("gnome-census");
		assertThat(template.interval()).isEqualTo(Duration.ofHours(1));
		assertThat(template.priority()).isEqualTo(2);
		assertThat(template.retries()).isEqualTo(1);
		assertThat(template.backlog()).isEqualTo(1);
		var nextRun = this.qless.recurring().nextRun(template);

		act("recurring/pause", "jid", "gnome-census").andExpect(status().isFound());
		RecurringJob paused = this.qless.recurring().get("gnome-census");
		assertThat(paused.interval()).isEqualTo(RecurringPause.PAUSED_INTERVAL);
		assertThat(paused.tags()).contains(RecurringPause.TAG_PREFIX + "3600");
		assertThat(this.qless.recurring().nextRun(paused)).isAfter(nextRun.plus(Duration.ofDays(365)));

		act("recurring/resume", "jid", "gnome-census").andExpect(status().isFound());
		RecurringJob resumed = this.qless.recurring().get("gnome-census");
		assertThat(resumed.interval()).isEqualTo(Duration.ofHours(1));
		assertThat(resumed.tags()).containsExactly("census");
		assertThat(this.qless.recurring().nextRun(resumed)).isEqualTo(nextRun);

		act("recurring/delete", "jid", "gnome-census", "confirm", "yes").andExpect(redirectedTo("/qless/recurring"));
		assertThat(this.qless.recurring().get("gnome-census")).isNull();
	}

	@Test
	void aRefreshTheOldPageSentLeavesTheMessageToTheRedirect() throws Exception {
		org.springframework.mock.web.MockHttpSession session = new org.springframework.mock.web.MockHttpSession();
		String target = this.mvc.perform(post("/qless/actions/queue/pause").param("name", "gnomes")
			.session(session)
			.with(user("admin").roles("QLESS_ADMIN"))
			.with(csrf())).andReturn().getResponse().getRedirectedUrl();
		this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/qless/queue")
			.param("name", "gnomes")
			.header("X-Qless-Live", "1")
			.session(session)
			.with(user("admin").roles("QLESS_ADMIN")))
			.andExpect(content().string(org.hamcrest.Matchers.not(
					org.hamcrest.Matchers.containsString("Queue gnomes paused."))));
		this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(target)
			.session(session)
			.with(user("admin").roles("QLESS_ADMIN")))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Queue gnomes paused.")));
	}

	@Test
	void actionOnAJobThatIsGoneSaysSo() throws Exception {
		act("job/tag", "jid", "no-such-job", "tag", "x")
			.andExpect(flash().attribute("error", "There is no job no-such-job."));
	}

	private static org.springframework.test.web.servlet.ResultMatcher redirectedTo(String url) {
		return (result) -> {
			assertThat(result.getResponse().getStatus()).isEqualTo(302);
			String separator = url.contains("?") ? "&" : "?";
			assertThat(result.getResponse().getRedirectedUrl()).matches(java.util.regex.Pattern.quote(url + separator)
					+ "done=[0-9a-z]+");
		};
	}

	private String failAnother() {
		String jid = this.qless.queue("errands").put("Gnomes::Order", null);
		this.qless.queue("errands").pop("worker-9", 5);
		this.qless.jobs().fail(jid, "worker-9", "gnomes.OutOfHats", "Out of hats again");
		return jid;
	}

}
