package io.qless.endpoint;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import io.qless.core.Job;
import io.qless.core.JobState;
import io.qless.core.PutRequest;
import io.qless.core.QlessTemplate;
import io.qless.core.QueueCounts;
import io.qless.core.ThrottleStatus;
import io.qless.core.WorkerJobs;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import io.qless.test.TestRedisConnections;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that the {@link QlessEndpoint} operations report and change what qless holds, on a
 * real Redis.
 */
@QlessRedisTest
class QlessEndpointTests {

	private LettuceConnectionFactory connectionFactory;

	private QlessTemplate qless;

	private QlessEndpoint endpoint;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.connectionFactory = TestRedisConnections.lettuce(redis);
		// A clock that moves on by a millisecond each time it is read, so that jobs put one
		// after another never share a time (equal scores would order them by jid).
		AtomicLong millis = new AtomicLong(System.currentTimeMillis());
		Clock ticking = new Clock() {

			@Override
			public ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				return this;
			}

			@Override
			public Instant instant() {
				return Instant.ofEpochMilli(millis.incrementAndGet());
			}

		};
		this.qless = new QlessTemplate(this.connectionFactory, JsonMapper.builder().build(), ticking);
		this.endpoint = new QlessEndpoint(this.qless, () -> List.of("api", "ql:q:emails"), null, Show.NEVER);
	}

	@AfterEach
	void tearDown() {
		this.connectionFactory.destroy();
	}

	@Test
	void overviewAndSections() {
		this.qless.queue("emails").put("Send", Map.of("to", "a"));
		this.qless.queue("emails").put("Send", Map.of("to", "b"));
		String failed = this.qless.queue("emails").pop("w1", 1).get(0).jid();
		this.qless.jobs().fail(failed, "w1", "smtp", "timeout");
		this.qless.queue("emails").put("Send", Map.of("to", "c"));
		Job done = this.qless.queue("emails").pop("w3", 1).get(0);
		this.qless.jobs().complete(done);
		this.qless.queue("emails").pop("w2", 1);
		QlessEndpoint.Overview overview = this.endpoint.overview();
		assertThat(overview.recentlyCompleted()).containsExactly(done.jid());
		assertThat(overview.queues()).singleElement().satisfies((counts) -> {
			assertThat(counts.name()).isEqualTo("emails");
			assertThat(counts.running()).isEqualTo(1);
		});
		assertThat(overview.workers()).extracting("name").contains("w2");
		assertThat(overview.failures()).containsEntry("smtp", 1L);
		assertThat(this.endpoint.section("queues")).isEqualTo(overview.queues());
		assertThat(this.endpoint.section("failures")).isEqualTo(Map.of("smtp", 1L));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.section("nope"));
	}

	@Test
	void queueJobsByState() {
		String first = this.qless.queue("emails").put("Send", null);
		String second = this.qless.queue("emails").put("Send", null);
		String later = this.qless.queue("emails").put(PutRequest.of("Send", null).delay(Duration.ofHours(1)));
		QlessEndpoint.QueueView waiting = (QlessEndpoint.QueueView) this.endpoint.item("queues", "emails", null, null,
				null);
		assertThat(waiting.counts().waiting()).isEqualTo(2);
		assertThat(waiting.jids()).containsExactly(first, second);
		QlessEndpoint.QueueView page = (QlessEndpoint.QueueView) this.endpoint.item("queues", "emails", "waiting", 1,
				5);
		assertThat(page.jids()).containsExactly(second);
		QlessEndpoint.QueueView scheduled = (QlessEndpoint.QueueView) this.endpoint.item("queues", "emails",
				"scheduled", null, null);
		assertThat(scheduled.jids()).containsExactly(later);
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.item("queues", "emails", "bogus", null, null));
	}

	@Test
	void jobWithHistoryWorkerAndFailureGroup() {
		String jid = this.qless.queue("emails").put("Send", Map.of("to", "a"));
		this.qless.queue("emails").pop("w1", 1);
		Job job = (Job) this.endpoint.item("jobs", jid, null, null, null);
		assertThat(job.jid()).isEqualTo(jid);
		assertThat(job.history()).extracting("what").containsExactly("put", "popped");
		assertThat(this.endpoint.item("jobs", "missing", null, null, null)).isNull();
		assertThat((WorkerJobs) this.endpoint.item("workers", "w1", null, null, null))
			.satisfies((jobs) -> assertThat(jobs.jobs()).containsExactly(jid));
		this.qless.jobs().fail(jid, "w1", "smtp", "timeout");
		QlessEndpoint.FailureGroupView group = (QlessEndpoint.FailureGroupView) this.endpoint.item("failures", "smtp",
				null, null, null);
		assertThat(group.total()).isEqualTo(1);
		assertThat(group.jids()).containsExactly(jid);
	}

	@Test
	void pauseUnpauseAndUnfail() {
		String jid = this.qless.queue("emails").put("Send", null);
		this.qless.queue("emails").pop("w1", 1);
		this.qless.jobs().fail(jid, "w1", "smtp", "timeout");
		this.endpoint.act("queues", "emails", "pause", null, null, null, null, null);
		assertThat(counts("emails").paused()).isTrue();
		this.endpoint.act("queues", "emails", "unpause", null, null, null, null, null);
		assertThat(counts("emails").paused()).isFalse();
		Map<String, Object> result = this.endpoint.act("queues", "emails", "unfail", null, "smtp", null, null, null);
		assertThat(result).containsEntry("unfailed", 1L);
		assertThat(this.qless.jobs().get(jid).state()).isEqualTo(JobState.WAITING);
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.act("queues", "emails", "unfail", null, null, null, null, null));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.act("queues", "emails", "explode", null, null, null, null, null));
	}

	@Test
	void cancelRetryAndMoveJobs() {
		String failed = this.qless.queue("emails").put("Send", Map.of("to", "a"));
		this.qless.queue("emails").pop("w1", 1);
		this.qless.jobs().fail(failed, "w1", "smtp", "timeout");
		this.endpoint.act("jobs", failed, "retry", null, null, null, null, null);
		Job retried = this.qless.jobs().get(failed);
		assertThat(retried.state()).isEqualTo(JobState.WAITING);
		assertThat(retried.queue()).isEqualTo("emails");
		assertThat(retried.data()).isEqualTo("{\"to\":\"a\"}");
		this.endpoint.act("jobs", failed, "move", "slow-emails", null, null, null, null);
		assertThat(this.qless.jobs().get(failed).queue()).isEqualTo("slow-emails");
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.act("jobs", failed, "move", null, null, null, null, null));
		this.endpoint.act("jobs", failed, "cancel", null, null, null, null, null);
		assertThat(this.qless.jobs().get(failed)).isNull();
		assertThatExceptionOfType(QlessEndpoint.UnknownItemException.class)
			.isThrownBy(() -> this.endpoint.act("jobs", failed, "retry", null, null, null, null, null));
	}

	@Test
	void jobDataIsHiddenUnlessShowValuesAllows() {
		String jid = this.qless.queue("emails").put("Send", Map.of("to", "secret@example.com"));
		assertThat(((Job) this.endpoint.item("jobs", jid, null, null, null)).data()).isEqualTo(QlessEndpoint.HIDDEN);
		QlessEndpoint showing = new QlessEndpoint(this.qless, List::of, null, Show.ALWAYS);
		assertThat(((Job) showing.item("jobs", jid, null, null, null)).data())
			.isEqualTo("{\"to\":\"secret@example.com\"}");
	}

	@Test
	void webExtensionAnswersWithAReasonAndTheRightStatus() {
		QlessEndpointWebExtension web = new QlessEndpointWebExtension(this.endpoint, Show.WHEN_AUTHORIZED,
				Set.of("ADMIN"));
		String jid = this.qless.queue("emails").put("Send", Map.of("to", "secret@example.com"));

		WebEndpointResponse<Object> bogus = web.item(SecurityContext.NONE, "queues", "emails", "bogus", null, null);
		assertThat(bogus.getStatus()).isEqualTo(400);
		assertThat(bogus.getBody()).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("error", "Unknown state 'bogus'; use waiting, running, stalled, scheduled, depends, "
					+ "recurring or throttled");
		WebEndpointResponse<Object> missing = web.item(SecurityContext.NONE, "jobs", "missing", null, null, null);
		assertThat(missing.getStatus()).isEqualTo(404);
		assertThat(missing.getBody()).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("error", "No job 'missing'");
		WebEndpointResponse<Object> retry = web.act("jobs", "missing", "retry", null, null, null, null, null);
		assertThat(retry.getStatus()).isEqualTo(404);
		assertThat(web.act("jobs", jid, "explode", null, null, null, null, null).getStatus()).isEqualTo(400);

		WebEndpointResponse<Object> anonymous = web.item(SecurityContext.NONE, "jobs", jid, null, null, null);
		assertThat(anonymous.getStatus()).isEqualTo(200);
		assertThat(((Job) anonymous.getBody()).data()).isEqualTo(QlessEndpoint.HIDDEN);
		SecurityContext admin = new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return () -> "ops";
			}

			@Override
			public boolean isUserInRole(String role) {
				return "ADMIN".equals(role);
			}

		};
		assertThat(((Job) web.item(admin, "jobs", jid, null, null, null).getBody()).data())
			.isEqualTo("{\"to\":\"secret@example.com\"}");
	}

	@Test
	void throttlesAreListedShownAndChanged() {
		this.qless.throttles().set("api", 1);
		String running = this.qless.queue("emails").put(PutRequest.of("Send", null).throttles("api"));
		String parked = this.qless.queue("emails").put(PutRequest.of("Send", null).throttles("api"));
		this.qless.queue("emails").pop("w1", 2);

		List<ThrottleStatus> expected = List.of(new ThrottleStatus("api", 1, -1, 1, 1),
				new ThrottleStatus("ql:q:emails", 0, -2, 1, 0));
		assertThat(this.endpoint.overview().throttles()).isEqualTo(expected);
		assertThat(this.endpoint.section("throttles")).isEqualTo(expected);
		assertThat(this.endpoint.item("throttles", "api", null, null, null))
			.isEqualTo(new QlessEndpoint.ThrottleView("api", 1, -1, List.of(running), List.of(parked)));
		assertThat(((QlessEndpoint.QueueView) this.endpoint.item("queues", "emails", "throttled", null, null)).jids())
			.containsExactly(parked);

		Map<String, Object> set = this.endpoint.act("throttles", "api", "set", null, null, null, 3L, "10m");
		assertThat(set).containsEntry("action", "set");
		assertThat(this.qless.throttles().get("api").maximum()).isEqualTo(3);
		assertThat(this.qless.throttles().get("api").ttl()).isBetween(595L, 600L);
		// qless keeps an expiry set earlier when only the maximum changes
		this.endpoint.act("throttles", "api", "set", null, null, null, 2L, null);
		assertThat(this.qless.throttles().get("api").maximum()).isEqualTo(2);
		assertThat(this.qless.throttles().get("api").ttl()).isBetween(595L, 600L);
		this.endpoint.act("queues", "emails", "throttle", null, null, null, 4L, null);
		assertThat(this.qless.throttles().getQueueThrottle("emails").maximum()).isEqualTo(4);
		this.endpoint.act("throttles", "api", "delete", null, null, null, null, null);
		assertThat(this.qless.throttles().get("api").exists()).isFalse();

		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.act("throttles", "api", "set", null, null, null, null, null));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.act("throttles", "api", "set", null, null, null, 1L, "soon"));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.act("throttles", "api", "explode", null, null, null, 1L, null));
	}

	@Test
	void retryKeepsTheJobsThrottles() {
		String jid = this.qless.queue("emails").put(PutRequest.of("Send", null).throttles("api"));
		this.qless.queue("emails").pop("w1", 1);
		this.qless.jobs().fail(jid, "w1", "smtp", "timeout");
		this.endpoint.act("jobs", jid, "move", "slow-emails", null, null, null, null);
		assertThat(this.qless.jobs().get(jid).throttles()).containsExactly("api", "ql:q:slow-emails");
	}

	private QueueCounts counts(String queue) {
		List<QueueCounts> queues = this.qless.queues();
		return queues.stream().filter((counts) -> counts.name().equals(queue)).findFirst().orElseThrow();
	}

}
