package io.qless.scripts;

import java.util.List;

import io.qless.scripts.EventRecorder.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pub/sub channels, exact payload strings and their order. Key order matters here:
 * the reference tests compare these strings exactly.
 */
class EventsTests extends ScriptTestSupport {

	private static final String PUT = "{\"jid\":\"jid\",\"event\":\"put\",\"queue\":\"queue\"}";

	private static final String LOCK_LOST = "{\"jid\":\"jid\",\"event\":\"lock_lost\",\"worker\":\"worker\"}";

	private static final String CANCELED = "{\"jid\":\"jid\",\"queue\":\"queue\",\"event\":\"canceled\",\"worker\":\"\"}";

	private static final String CANCELED_RUNNING = "{\"jid\":\"jid\",\"queue\":\"queue\",\"event\":\"canceled\",\"worker\":\"worker\"}";

	private static final String COMPLETED = "{\"jid\":\"jid\",\"event\":\"completed\",\"queue\":\"queue\"}";

	private static final String ADVANCED = "{\"jid\":\"jid\",\"to\":\"queue\",\"event\":\"advanced\",\"queue\":\"queue\"}";

	private static final String FAILED = "{\"message\":\"mess\",\"jid\":\"jid\",\"group\":\"grp\",\"event\":\"failed\",\"worker\":\"worker\"}";

	private EventRecorder events;

	@BeforeEach
	void subscribe() {
		this.events = new EventRecorder(this.qless);
	}

	@AfterEach
	void unsubscribe() {
		this.events.close();
	}

	private void running(long now, String jid) {
		this.qless.put(now, "queue", jid);
		assertThat(this.qless.popOne(now, "queue", "worker").get("jid").asString()).isEqualTo(jid);
	}

	private List<Event> eventsOf(Runnable action) {
		this.events.drain();
		action.run();
		return this.events.drain();
	}

	@Test
	void trackAndUntrack() {
		this.qless.put(0, "queue", "jid");
		assertThat(eventsOf(() -> this.qless.call("track", 0, "track", "jid")))
			.containsExactly(new Event("ql:track", "jid"));
		assertThat(eventsOf(() -> this.qless.call("track", 0, "untrack", "jid")))
			.containsExactly(new Event("ql:untrack", "jid"));
		assertThat(eventsOf(() -> this.qless.call("track", 0, "untrack", "jid")))
			.containsExactly(new Event("ql:untrack", "jid"));
	}

	@Test
	void put() {
		assertThat(eventsOf(() -> this.qless.put(0, "queue", "jid"))).containsExactly(new Event("ql:log", PUT));
	}

	@Test
	void rePutOfATrackedJob() {
		this.qless.put(0, "queue", "jid");
		this.qless.call("track", 0, "track", "jid");
		assertThat(eventsOf(() -> this.qless.put(1, "queue", "jid"))).containsExactly(new Event("ql:log", PUT),
				new Event("ql:put", "jid"));
	}

	@Test
	void rePutByAnotherWorkerSendsLockLost() {
		running(0, "jid");
		this.qless.call("track", 0, "track", "jid");
		assertThat(eventsOf(() -> this.qless.putBy(1, "another", "queue", "jid", 0))).containsExactly(
				new Event("ql:log", PUT), new Event("ql:w:worker", LOCK_LOST), new Event("ql:log", LOCK_LOST),
				new Event("ql:put", "jid"));
	}

	@Test
	void rePutByTheOwningWorkerSendsNoLockLost() {
		running(0, "jid");
		assertThat(eventsOf(() -> this.qless.putBy(1, "worker", "queue", "jid", 0)))
			.containsExactly(new Event("ql:log", PUT));
	}

	@Test
	void popOfTrackedJobs() {
		this.qless.put(0, "queue", "jid", "priority", 1);
		this.qless.put(0, "queue", "other");
		this.qless.put(0, "queue", "untracked", "priority", -1);
		this.qless.call("track", 0, "track", "jid");
		this.qless.call("track", 0, "track", "other");
		assertThat(eventsOf(() -> this.qless.pop(1, "queue", "worker", 3)))
			.containsExactly(new Event("ql:popped", "jid"), new Event("ql:popped", "other"));
	}

	@Test
	void completeOfATrackedJob() {
		running(0, "jid");
		this.qless.call("track", 0, "track", "jid");
		assertThat(eventsOf(() -> this.qless.complete(1, "jid", "worker", "queue")))
			.containsExactly(new Event("ql:completed", "jid"), new Event("ql:log", COMPLETED));
	}

	@Test
	void advanceOfATrackedJob() {
		running(0, "jid");
		this.qless.call("track", 0, "track", "jid");
		assertThat(eventsOf(() -> this.qless.complete(1, "jid", "worker", "queue", "next", "queue")))
			.containsExactly(new Event("ql:completed", "jid"), new Event("ql:log", ADVANCED));
	}

	@Test
	void advance() {
		running(0, "jid");
		assertThat(eventsOf(() -> this.qless.complete(1, "jid", "worker", "queue", "next", "queue")))
			.containsExactly(new Event("ql:log", ADVANCED));
	}

	@Test
	void failOfATrackedJob() {
		running(0, "jid");
		this.qless.call("track", 0, "track", "jid");
		assertThat(eventsOf(() -> this.qless.fail(1, "jid", "worker", "grp", "mess")))
			.containsExactly(new Event("ql:log", FAILED), new Event("ql:failed", "jid"));
	}

	@Test
	void stallOfATrackedJob() {
		this.qless.config("heartbeat", -10);
		running(0, "jid");
		this.qless.call("track", 0, "track", "jid");
		assertThat(eventsOf(() -> this.qless.pop(1, "queue", "worker", 1))).containsExactly(
				new Event("ql:stalled", "jid"), new Event("ql:w:worker", LOCK_LOST), new Event("ql:log", LOCK_LOST));
	}

	@Test
	void reclaimExhaustion() {
		this.qless.config("grace-period", 0);
		this.qless.config("heartbeat", -10);
		this.qless.put(0, "queue", "jid", "retries", 0);
		this.qless.popOne(0, "queue", "worker");
		String failed = "{\"message\":\"Job exhausted retries in queue \\\"queue\\\"\",\"jid\":\"jid\","
				+ "\"group\":\"failed-retries-queue\",\"event\":\"failed\",\"worker\":\"worker\"}";
		assertThat(eventsOf(() -> this.qless.pop(1, "queue", "other", 1))).containsExactly(
				new Event("ql:w:worker", LOCK_LOST), new Event("ql:log", LOCK_LOST), new Event("ql:log", failed));
	}

	@Test
	void reclaimExhaustionOfATrackedJob() {
		this.qless.config("grace-period", 0);
		this.qless.config("heartbeat", -10);
		this.qless.put(0, "queue", "jid", "retries", 0);
		this.qless.popOne(0, "queue", "worker");
		this.qless.call("track", 0, "track", "jid");
		List<Event> events = eventsOf(() -> this.qless.pop(1, "queue", "other", 1));
		assertThat(events).extracting(Event::channel)
			.containsExactly("ql:stalled", "ql:w:worker", "ql:log", "ql:failed", "ql:log");
		assertThat(QlessScript.parse(events.get(4).message()).get("event").asString()).isEqualTo("failed");
	}

	@Test
	void retryExhaustionOfATrackedJobPublishesOnlyFailed() {
		this.qless.put(0, "queue", "jid", "retries", 0);
		this.qless.popOne(0, "queue", "worker");
		this.qless.call("track", 0, "track", "jid");
		this.events.drain();
		assertThat(this.qless.call("retry", 1, "jid", "queue", "worker")).isEqualTo(-1L);
		assertThat(this.events.drain()).containsExactly(new Event("ql:failed", "jid"));
	}

	@Test
	void retryWithRetriesLeftPublishesNothing() {
		running(0, "jid");
		this.qless.call("track", 0, "track", "jid");
		assertThat(eventsOf(() -> this.qless.call("retry", 1, "jid", "queue", "worker"))).isEmpty();
	}

	@Test
	void timeout() {
		running(0, "jid");
		this.qless.call("track", 0, "track", "jid");
		assertThat(eventsOf(() -> this.qless.call("timeout", 1, "jid")))
			.containsExactly(new Event("ql:w:worker", LOCK_LOST), new Event("ql:log", LOCK_LOST));
	}

	@Test
	void configSetAndUnset() {
		assertThat(eventsOf(() -> this.qless.call("config.set", 0, "foo", "bar"))).containsExactly(
				new Event("ql:log", "{\"option\":\"foo\",\"event\":\"config_set\",\"value\":\"bar\"}"));
		assertThat(eventsOf(() -> this.qless.call("config.unset", 0, "foo")))
			.containsExactly(new Event("ql:log", "{\"event\":\"config_unset\",\"option\":\"foo\"}"));
	}

	@Test
	void cancelOfATrackedJob() {
		this.qless.put(0, "queue", "jid");
		this.qless.call("track", 0, "track", "jid");
		assertThat(eventsOf(() -> this.qless.call("cancel", 1, "jid")))
			.containsExactly(new Event("ql:log", CANCELED), new Event("ql:canceled", "jid"));
	}

	@Test
	void cancelOfWaitingJob() {
		this.qless.put(0, "queue", "jid");
		assertThat(eventsOf(() -> this.qless.call("cancel", 1, "jid"))).containsExactly(new Event("ql:log", CANCELED));
	}

	@Test
	void cancelOfDependsJob() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "jid", "depends", "[\"a\"]");
		assertThat(eventsOf(() -> this.qless.call("cancel", 1, "jid"))).containsExactly(new Event("ql:log", CANCELED));
	}

	@Test
	void cancelOfScheduledJob() {
		this.qless.putBy(0, "worker", "queue", "jid", 10);
		assertThat(eventsOf(() -> this.qless.call("cancel", 1, "jid"))).containsExactly(new Event("ql:log", CANCELED));
	}

	@Test
	void cancelOfFailedJob() {
		running(0, "jid");
		this.qless.fail(0, "jid", "worker", "grp", "mess");
		assertThat(eventsOf(() -> this.qless.call("cancel", 1, "jid"))).containsExactly(new Event("ql:log", CANCELED));
	}

	@Test
	void cancelOfRunningJobAlsoTellsTheWorker() {
		running(0, "jid");
		assertThat(eventsOf(() -> this.qless.call("cancel", 1, "jid"))).containsExactly(
				new Event("ql:log", CANCELED_RUNNING), new Event("ql:w:worker", CANCELED_RUNNING));
	}

	@Test
	void cancelOfAMissingJobPublishesFalseQueueAndWorker() {
		assertThat(eventsOf(() -> this.qless.call("cancel", 1, "jid"))).containsExactly(
				new Event("ql:log", "{\"jid\":\"jid\",\"queue\":false,\"event\":\"canceled\",\"worker\":false}"));
	}

	@Test
	void cancelOfACompletedJobPublishesNothing() {
		running(0, "jid");
		this.qless.complete(0, "jid", "worker", "queue");
		assertThat(eventsOf(() -> this.qless.call("cancel", 1, "jid"))).isEmpty();
	}

	@Test
	void unfailAndSpawnPublishNothing() {
		running(0, "jid");
		this.qless.call("track", 0, "track", "jid");
		this.qless.fail(0, "jid", "worker", "grp", "mess");
		assertThat(eventsOf(() -> this.qless.call("unfail", 1, "queue", "grp"))).isEmpty();
		this.qless.call("recur", 0, "queue", "r", "klass", "{}", "interval", 60, 0);
		assertThat(eventsOf(() -> this.qless.peek(1, "queue", 5))).isEmpty();
	}

	@Test
	void reclaimEventsComeBeforeThePoppedEvent() {
		this.qless.config("grace-period", 0);
		running(0, "jid");
		this.qless.call("track", 0, "track", "jid");
		assertThat(eventsOf(() -> this.qless.pop(61, "queue", "other", 1))).containsExactly(
				new Event("ql:stalled", "jid"), new Event("ql:w:worker", LOCK_LOST), new Event("ql:log", LOCK_LOST),
				new Event("ql:popped", "jid"));
	}

}
