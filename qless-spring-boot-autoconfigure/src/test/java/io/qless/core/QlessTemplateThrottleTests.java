package io.qless.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@QlessRedisTest
class QlessTemplateThrottleTests {

	private QlessTestSupport support;

	private QlessTemplate qless;

	private ThrottleOperations throttles;

	private QueueOperations queue;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.support = new QlessTestSupport(redis);
		this.qless = this.support.template;
		this.throttles = this.qless.throttles();
		this.queue = this.qless.queue("q");
	}

	@AfterEach
	void tearDown() {
		this.support.close();
	}

	@Test
	void setGetTtlDelete() {
		assertThat(this.throttles.get("api")).isEqualTo(new Throttle("api", 0, -2));
		assertThat(this.throttles.get("api").exists()).isFalse();
		assertThat(this.throttles.get("api").isUnlimited()).isTrue();
		assertThat(this.throttles.ttl("api")).isEqualTo(-2);

		this.throttles.set("api", 5);
		assertThat(this.throttles.get("api")).isEqualTo(new Throttle("api", 5, -1));
		assertThat(this.throttles.get("api").timeToLive()).isNull();
		assertThat(this.throttles.ttl("api")).isEqualTo(-1);

		this.throttles.set("api", 3, Duration.ofSeconds(100));
		Throttle expiring = this.throttles.get("api");
		assertThat(expiring.maximum()).isEqualTo(3);
		assertThat(expiring.ttl()).isBetween(98L, 100L);
		assertThat(expiring.timeToLive()).isBetween(Duration.ofSeconds(98), Duration.ofSeconds(100));
		assertThat(this.throttles.ttl("api")).isBetween(98L, 100L);

		this.throttles.delete("api");
		assertThat(this.throttles.get("api")).isEqualTo(new Throttle("api", 0, -2));
	}

	@Test
	void queueThrottle() {
		assertThat(this.throttles.getQueueThrottle("q")).isEqualTo(new Throttle("ql:q:q", 0, -2));
		this.throttles.setQueueThrottle("q", 3);
		assertThat(this.throttles.getQueueThrottle("q")).isEqualTo(new Throttle("ql:q:q", 3, -1));
		assertThat(this.throttles.get(Throttle.queueThrottleId("q"))).isEqualTo(new Throttle("ql:q:q", 3, -1));
	}

	@Test
	void jobPutWithoutThrottlesHasNoneAndWithThrottlesEndsWithTheQueueThrottle() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("plain"));
		this.support.clock.advance(Duration.ofMillis(10));
		this.queue.put(PutRequest.of("K", Map.of()).jid("throttled").throttles("api", "ql:q:q", "api", "tenant-1"));
		assertThat(this.qless.jobs().get("plain").throttles()).isEmpty();
		assertThat(this.qless.jobs().get("throttled").throttles()).containsExactly("api", "tenant-1", "ql:q:q");
		assertThat(this.queue.pop("w", 2)).extracting(Job::throttles)
			.containsExactly(List.of(), List.of("api", "tenant-1", "ql:q:q"));
	}

	@Test
	void moveKeepsTheThrottlesItIsGivenAndSwapsTheQueueThrottle() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("a").throttles("api"));
		Job job = this.qless.jobs().get("a");
		this.qless.queue("other").requeue(PutRequest.of("K", Map.of()).jid("a").throttles(job.throttles()));
		assertThat(this.qless.jobs().get("a").throttles()).containsExactly("api", "ql:q:other");
	}

	@Test
	void completeIntoANextQueueKeepsTheThrottlesWithThatQueuesOwn() {
		put("a", "api");
		this.queue.pop("w", 1);
		this.qless.jobs().complete("a", "w", "q", Map.of(), "next", Duration.ZERO, List.of());
		assertThat(this.qless.jobs().get("a").throttles()).containsExactly("api", "ql:q:next");
		assertThat(this.throttles.locks("api")).isEmpty();
	}

	@Test
	void aFullThrottleParksJobsUntilALockIsReleased() {
		this.throttles.set("api", 1);
		put("a", "api");
		put("b", "api");

		assertThat(this.queue.pop("w", 2)).extracting(Job::jid).containsExactly("a");

		Job parked = this.qless.jobs().get("b");
		assertThat(parked.state()).isEqualTo(JobState.THROTTLED);
		assertThat(parked.history()).extracting(HistoryEntry::what).containsExactly("put", "throttled");
		assertThat(this.throttles.locks("api")).containsExactly("a");
		assertThat(this.throttles.pending("api")).containsExactly("b");
		assertThat(this.throttles.locks("ql:q:q")).containsExactly("a");
		assertThat(this.queue.counts().throttled()).isEqualTo(1);
		assertThat(this.qless.queues()).singleElement().extracting(QueueCounts::throttled).isEqualTo(1L);
		assertThat(this.queue.jobs(QueueJobState.THROTTLED, 0, 10)).containsExactly("b");
		assertThat(this.throttles.status(List.of("api", "ql:q:q", "unknown"))).containsExactly(
				new ThrottleStatus("api", 1, -1, 1, 1), new ThrottleStatus("ql:q:q", 0, -2, 1, 0),
				new ThrottleStatus("unknown", 0, -2, 0, 0));
		assertThatExceptionOfType(JobStateException.class)
			.isThrownBy(() -> this.qless.jobs().complete("b", "w", "q", Map.of()))
			.withMessageContaining("not currently running: throttled");

		this.qless.jobs().complete("a", "w", "q", Map.of());

		assertThat(this.throttles.locks("api")).isEmpty();
		assertThat(this.throttles.pending("api")).isEmpty();
		assertThat(this.queue.counts().throttled()).isZero();
		assertThat(this.queue.pop("w", 2)).extracting(Job::jid).containsExactly("b");
		assertThat(this.throttles.locks("api")).containsExactly("b");
	}

	@Test
	void failReleasesTheLock() {
		assertReleasedBy((a) -> this.qless.jobs().fail("a", "w", "group", "message"));
	}

	@Test
	void retryReleasesTheLock() {
		assertReleasedBy((a) -> this.qless.jobs().retry("a", "q", "w", Duration.ofSeconds(30), null, null));
	}

	@Test
	void exhaustedRetryReleasesTheLock() {
		assertReleasedBy((a) -> this.qless.jobs().retry("a", "q", "w", Duration.ZERO, "group", "message"), 0);
	}

	@Test
	void cancelReleasesTheLock() {
		assertReleasedBy((a) -> this.qless.jobs().cancel("a"));
	}

	@Test
	void timeoutReleasesTheLock() {
		this.throttles.set("api", 1);
		put("a", "api");
		put("b", "api");
		assertThat(this.queue.pop("w", 2)).extracting(Job::jid).containsExactly("a");

		this.qless.jobs().timeout("a");

		// both are back in the work queue; the timed-out job first, as qless puts it
		assertThat(this.throttles.locks("api")).isEmpty();
		assertThat(this.throttles.pending("api")).isEmpty();
		assertThat(this.queue.jobs(QueueJobState.THROTTLED, 0, 10)).isEmpty();
		assertThat(this.queue.peek(2)).extracting(Job::jid).containsExactly("a", "b");
		assertThat(this.queue.pop("w2", 1)).extracting(Job::jid).containsExactly("a");
		this.qless.jobs().complete("a", "w2", "q", Map.of());
		assertThat(this.queue.pop("w2", 1)).extracting(Job::jid).containsExactly("b");
	}

	@Test
	void lockReclaimedToExhaustionReleasesTheLock() {
		this.qless.config().set("grace-period", 0);
		assertReleasedBy((a) -> this.support.clock.advance(Duration.ofSeconds(61)), 0);
		assertThat(this.qless.jobs().get("a").state()).isEqualTo(JobState.FAILED);
	}

	@Test
	void lockReclaimedFromACrashedWorkerKeepsTheLockUntilTheNewWorkerFinishes() {
		this.qless.config().set("grace-period", 0);
		this.throttles.set("api", 1);
		put("a", "api");
		put("b", "api");
		assertThat(this.queue.pop("crashed", 2)).extracting(Job::jid).containsExactly("a");

		this.support.clock.advance(Duration.ofSeconds(61));
		assertThat(this.queue.pop("w2", 2)).extracting(Job::jid).containsExactly("a");
		assertThat(this.throttles.locks("api")).containsExactly("a");
		assertThat(this.throttles.pending("api")).containsExactly("b");

		this.qless.jobs().complete("a", "w2", "q", Map.of());
		assertThat(this.queue.pop("w2", 2)).extracting(Job::jid).containsExactly("b");
	}

	@Test
	void queueThrottleLimitsJobsPutWithoutThrottles() {
		this.throttles.setQueueThrottle("q", 2);
		for (String jid : List.of("a", "b", "c", "d")) {
			this.queue.put(PutRequest.of("K", Map.of()).jid(jid));
			this.support.clock.advance(Duration.ofMillis(10));
		}
		assertThat(this.queue.pop("w", 4)).extracting(Job::jid).containsExactly("a", "b");
		assertThat(this.queue.pop("w", 4)).isEmpty();
		assertThat(this.throttles.locks("ql:q:q")).containsExactly("a", "b");

		this.qless.jobs().complete("a", "w", "q", Map.of());
		assertThat(this.queue.pop("w", 4)).extracting(Job::jid).containsExactly("c");
	}

	@Test
	void anExpiredThrottleIsUnlimited() throws InterruptedException {
		this.throttles.set("api", 1, Duration.ofSeconds(1));
		put("a", "api");
		put("b", "api");
		assertThat(this.queue.pop("w", 2)).extracting(Job::jid).containsExactly("a");

		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (this.throttles.get("api").exists() && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
		assertThat(this.throttles.get("api")).isEqualTo(new Throttle("api", 0, -2));

		put("c", "api");
		assertThat(this.queue.pop("w", 2)).extracting(Job::jid).containsExactly("c");
		this.qless.jobs().complete("a", "w", "q", Map.of());
		assertThat(this.queue.pop("w", 2)).extracting(Job::jid).containsExactly("b");
		assertThat(this.throttles.locks("api")).containsExactly("b", "c");
	}

	@Test
	void releaseFreesASlot() {
		this.throttles.set("api", 1);
		put("a", "api");
		put("b", "api");
		this.queue.pop("w", 2);

		this.throttles.release("api", List.of("a"));

		assertThat(this.throttles.locks("api")).isEmpty();
		assertThat(this.queue.pop("w", 2)).extracting(Job::jid).containsExactly("b");
	}

	@Test
	void recurringChildrenCarryTheTemplatesThrottles() {
		this.queue.recur(RecurRequest.of("Sync", Map.of(), Duration.ofHours(1)).jid("sync").throttles("api"));
		assertThat(this.qless.recurring().get("sync").throttles()).containsExactly("api", "ql:q:q");
		assertThat(this.queue.pop("w", 1)).singleElement()
			.extracting(Job::throttles)
			.isEqualTo(List.of("api", "ql:q:q"));

		this.qless.recurring().update("sync", RecurringUpdate.create().throttles("db", "ql:q:q"));
		assertThat(this.qless.recurring().get("sync").throttles()).containsExactly("db", "ql:q:q");
	}

	@Test
	void putRequestCustomizersApplyToEveryPutOfTheTemplate() {
		List<String> seen = new ArrayList<>();
		this.qless.addPutRequestCustomizer((queue, request) -> {
			seen.add(queue + ":" + request.jid());
			return request.throttles("api");
		});
		this.queue.put(PutRequest.of("K", Map.of()).jid("a"));
		this.queue.putAll(List.of(PutRequest.of("K", Map.of()).jid("b")));
		QlessBatch batch = this.qless.batch();
		batch.put("other", PutRequest.of("K", Map.of()).jid("c"));
		batch.execute();
		this.qless.queue("q").requeue(PutRequest.of("K", Map.of()).jid("c"));

		assertThat(seen).containsExactly("q:a", "q:b", "other:c", "q:c");
		assertThat(this.qless.jobs().get(List.of("a", "b", "c"))).extracting(Job::throttles)
			.containsOnly(List.of("api", "ql:q:q"));
	}

	private void assertReleasedBy(Consumer<String> end) {
		assertReleasedBy(end, 5);
	}

	private void assertReleasedBy(Consumer<String> end, int retries) {
		this.throttles.set("api", 1);
		this.queue.put(PutRequest.of("K", Map.of()).jid("a").throttles("api").retries(retries));
		this.support.clock.advance(Duration.ofMillis(10));
		put("b", "api");
		assertThat(this.queue.pop("w", 2)).extracting(Job::jid).containsExactly("a");
		assertThat(this.qless.jobs().get("b").state()).isEqualTo(JobState.THROTTLED);

		end.accept("a");

		assertThat(this.queue.pop("w2", 1)).extracting(Job::jid).containsExactly("b");
		assertThat(this.throttles.locks("api")).containsExactly("b");
		assertThat(this.throttles.pending("api")).isEmpty();
	}

	private void put(String jid, String... throttles) {
		this.queue.put(PutRequest.of("K", Map.of()).jid(jid).throttles(throttles));
		this.support.clock.advance(Duration.ofMillis(10));
	}

}
