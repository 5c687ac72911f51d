package io.qless.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The paged reads a dashboard needs: queues, waiting jobs, workers with their last
 * sighting, a template's next run, and calls of commands the client does not type.
 */
@QlessRedisTest
class QlessTemplateBrowseTests {

	private QlessTestSupport support;

	private QlessTemplate qless;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.support = new QlessTestSupport(redis);
		this.qless = this.support.template;
	}

	@AfterEach
	void tearDown() {
		this.support.close();
	}

	@Test
	void queuesArePagedInTheOrderFirstSeenWithTheirCounts() {
		for (String name : List.of("q1", "q2", "q3", "q4", "q5")) {
			this.support.clock.advance(Duration.ofSeconds(1));
			this.qless.queue(name).put("Job", Map.of());
		}
		this.qless.queue("q4").put("Job", Map.of());
		this.qless.queue("q4").pause();

		QueuePage page = this.qless.queues(2, 2);

		assertThat(page.total()).isEqualTo(5);
		assertThat(page.queues()).extracting(QueueCounts::name).containsExactly("q3", "q4");
		assertThat(page.queues().get(1).waiting()).isEqualTo(2);
		assertThat(page.queues().get(1).paused()).isTrue();
		assertThat(this.qless.queues(5, 10).queues()).isEmpty();
	}

	@Test
	void waitingJobsArePagedInPopOrder() {
		QueueOperations queue = this.qless.queue("orders");
		String low1 = queue.put(PutRequest.of("Job", null).jid("low1"));
		this.support.clock.advance(Duration.ofSeconds(1));
		String low2 = queue.put(PutRequest.of("Job", null).jid("low2"));
		String high = queue.put(PutRequest.of("Job", null).jid("high").priority(5));
		queue.put(PutRequest.of("Job", null).jid("later").delay(Duration.ofHours(1)));

		assertThat(queue.waiting(0, 10)).containsExactly(high, low1, low2);
		assertThat(queue.waiting(1, 1)).containsExactly(low1);
		assertThat(queue.waiting(0, 10)).containsExactlyElementsOf(
				queue.peek(10).stream().map(Job::jid).toList());
	}

	@Test
	void workersArePagedWithWhenTheyWereLastSeen() {
		QueueOperations queue = this.qless.queue("orders");
		queue.put("Job", null);
		queue.put("Job", null);
		queue.pop("worker-a", 1);
		Instant seenA = this.support.clock.instant();
		this.support.clock.advance(Duration.ofSeconds(10));
		queue.pop("worker-b", 1);
		Instant seenB = this.support.clock.instant();
		this.support.clock.advance(Duration.ofSeconds(5));

		WorkerPage page = this.qless.workers().list(0, 10);

		assertThat(page.total()).isEqualTo(2);
		assertThat(page.workers()).extracting(WorkerActivity::name).containsExactly("worker-b", "worker-a");
		assertThat(page.workers().get(0).lastSeen()).isEqualTo(seenB);
		assertThat(page.workers().get(1).lastSeen()).isEqualTo(seenA);
		assertThat(page.workers().get(1).jobs()).isEqualTo(1);
		assertThat(this.qless.workers().list(1, 1).workers()).extracting(WorkerActivity::name)
			.containsExactly("worker-a");

		this.support.clock.advance(Duration.ofMinutes(2));
		WorkerPage stalled = this.qless.workers().list(0, 10);
		assertThat(stalled.workers().get(0).jobs()).isZero();
		assertThat(stalled.workers().get(0).stalled()).isEqualTo(1);
	}

	@Test
	void workersOlderThanMaxWorkerAgeAreLeftOut() {
		this.qless.config().set(QlessConfigKey.MAX_WORKER_AGE, Duration.ofMinutes(1));
		this.qless.queue("orders").put("Job", null);
		this.qless.queue("orders").pop("old-worker", 1);
		this.support.clock.advance(Duration.ofMinutes(5));

		assertThat(this.qless.workers().list(0, 10).total()).isZero();
	}

	@Test
	void nextRunOfARecurringTemplate() {
		this.qless.queue("sync")
			.recur(RecurRequest.of("Sync", Map.of(), Duration.ofHours(1)).jid("hourly").offset(Duration.ofMinutes(5)));
		RecurringJob template = this.qless.recurring().get("hourly");
		assertThat(template).isNotNull();

		assertThat(this.qless.recurring().nextRun(template))
			.isEqualTo(QlessTestSupport.START.plus(Duration.ofMinutes(5)));
		this.qless.recurring().unrecur("hourly");
		assertThat(this.qless.recurring().nextRun(template)).isNull();
	}

	@Test
	void throughputIsCalledByItsNameInEitherDialect(TestRedis redis) {
		assertThat(this.qless.call("throughput")).contains("\"minutes\"", "\"hours\"");
		try (QlessTestSupport reqless = new QlessTestSupport(redis, QlessDialect.REQLESS)) {
			assertThat(reqless.template.call("throughput")).contains("\"minutes\"", "\"hours\"");
		}
	}

	@Test
	void callRunsACommandByNameAndReportsAnUnknownOne() {
		this.qless.queue("orders").put("Job", null);

		assertThat(this.qless.call("length", "orders")).isEqualTo("1");
		assertThat(this.qless.call("queues", "orders")).contains("\"name\":\"orders\"");
		assertThatExceptionOfType(QlessException.class).isThrownBy(() -> this.qless.call("no-such-command"))
			.satisfies((ex) -> assertThat(ex.getScriptMessage()).contains("Unknown command no-such-command"));
	}

}
