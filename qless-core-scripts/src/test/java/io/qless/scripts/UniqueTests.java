package io.qless.scripts;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Unique jobs: the put options {@code unique <key>}, {@code unique-mode} and
 * {@code unique-ttl} (an extension; see unique.lua).
 */
class UniqueTests extends ScriptTestSupport {

	private static final long DEFAULT_TTL = 2592000;

	private Object putUnique(long now, String jid, Object... options) {
		Object[] all = new Object[options.length + 2];
		all[0] = "unique";
		all[1] = "order-1";
		System.arraycopy(options, 0, all, 2, options.length);
		return this.qless.put(now, "queue", jid, all);
	}

	private String holder() {
		return this.qless.redis().get("ql:u:order-1");
	}

	@Test
	void aPutWithoutUniqueIsUnchanged() {
		this.qless.call("put", 0, "worker", "queue", "jid", "klass", "{}", 0, "priority", 1, "tags", "[\"t\"]");
		assertThat(this.qless.hash("ql:j:jid")).containsOnlyKeys("jid", "klass", "data", "priority", "tags", "state",
				"worker", "expires", "queue", "retries", "remaining", "time");
		assertThat(this.qless.redis().keys("ql:u:*")).isEmpty();
		this.qless.popOne(1, "queue", "worker");
		this.qless.complete(2, "jid", "worker", "queue");
		assertThat(this.qless.hash("ql:j:jid")).doesNotContainKeys("unique", "unique-mode");
	}

	@Test
	void theJobObjectNeverShowsTheKey() {
		this.qless.put(0, "queue", "plain");
		putUnique(0, "jid");
		JsonNode plain = this.qless.job("plain");
		JsonNode unique = this.qless.job("jid");
		assertThat(unique.propertyNames()).containsExactlyInAnyOrderElementsOf(plain.propertyNames());
		assertThat(this.qless.hash("ql:j:jid")).contains(entry("unique", "order-1"), entry("unique-mode", "finish"));
		assertThat(this.qless.popOne(1, "queue", "worker").has("unique")).isFalse();
	}

	@Test
	void aDuplicateReturnsTheHolderAndChangesNothing() {
		assertThat(putUnique(0, "a")).isEqualTo("a");
		assertThat(holder()).isEqualTo("a");
		Map<String, String> before = this.qless.hash("ql:j:a");
		try (EventRecorder events = new EventRecorder(this.qless)) {
			assertThat(this.qless.call("put", 5, "worker", "other", "b", "klass", "{\"x\":1}", 3, "unique", "order-1",
					"priority", 9)).isEqualTo("a");
			assertThat(events.drain()).isEmpty();
		}
		assertThat(this.qless.job("b")).isNull();
		assertThat(this.qless.hash("ql:j:a")).isEqualTo(before);
		assertThat(this.qless.list("ql:j:a-history")).hasSize(1);
		assertThat(this.qless.redis().zcard("ql:q:other-scheduled")).isZero();
	}

	@Test
	void finishModeHoldsWhileScheduledDependingAndRunning() {
		this.qless.put(0, "queue", "dep");
		this.qless.putBy(0, "worker", "queue", "scheduled", 10, "unique", "s");
		assertThat(this.qless.put(1, "queue", "x", "unique", "s")).isEqualTo("scheduled");
		this.qless.put(0, "queue", "depending", "unique", "d", "depends", "[\"dep\"]");
		assertThat(this.qless.state("depending")).isEqualTo("depends");
		assertThat(this.qless.put(1, "queue", "x", "unique", "d")).isEqualTo("depending");
		putUnique(0, "a");
		this.qless.popOne(1, "queue", "worker");
		this.qless.popOne(1, "queue", "worker");
		assertThat(this.qless.state("a")).isEqualTo("running");
		assertThat(putUnique(2, "b")).isEqualTo("a");
		this.qless.call("timeout", 3, "a");
		assertThat(putUnique(3, "b")).isEqualTo("a");
		assertThat(this.qless.job("x")).isNull();
	}

	@Test
	void completeFreesTheKey() {
		putUnique(0, "a");
		this.qless.popOne(1, "queue", "worker");
		assertThat(this.qless.complete(2, "a", "worker", "queue")).isEqualTo("complete");
		assertThat(holder()).isNull();
		assertThat(putUnique(3, "b")).isEqualTo("b");
		assertThat(holder()).isEqualTo("b");
	}

	@Test
	void anAdvanceKeepsTheKeyUntilTheLastComplete() {
		putUnique(0, "a");
		this.qless.popOne(1, "queue", "worker");
		assertThat(this.qless.complete(2, "a", "worker", "queue", "next", "queue2")).isEqualTo("waiting");
		assertThat(putUnique(3, "b")).isEqualTo("a");
		this.qless.popOne(4, "queue2", "worker");
		this.qless.complete(5, "a", "worker", "queue2");
		assertThat(putUnique(6, "b")).isEqualTo("b");
	}

	@Test
	void failFreesTheKey() {
		putUnique(0, "a");
		this.qless.popOne(1, "queue", "worker");
		this.qless.fail(2, "a", "worker", "group", "message");
		assertThat(holder()).isNull();
		assertThat(putUnique(3, "b")).isEqualTo("b");
	}

	@Test
	void retryKeepsTheKeyAndExhaustionFreesIt() {
		putUnique(0, "a", "retries", 1);
		this.qless.popOne(1, "queue", "worker");
		assertThat(this.qless.call("retry", 2, "a", "queue", "worker", 0)).isEqualTo(0L);
		assertThat(putUnique(2, "b")).isEqualTo("a");
		this.qless.popOne(3, "queue", "worker");
		assertThat(this.qless.call("retry", 4, "a", "queue", "worker", 0)).isEqualTo(-1L);
		assertThat(this.qless.state("a")).isEqualTo("failed");
		assertThat(holder()).isNull();
	}

	@Test
	void lockReclaimExhaustionFreesTheKey() {
		this.qless.config("grace-period", 0);
		putUnique(0, "a", "retries", 0);
		this.qless.popOne(1, "queue", "worker");
		this.qless.pop(1000, "queue", "other", 1);
		assertThat(this.qless.state("a")).isEqualTo("failed");
		assertThat(holder()).isNull();
	}

	@Test
	void cancelFreesTheKey() {
		putUnique(0, "a");
		this.qless.call("cancel", 1, "a");
		assertThat(holder()).isNull();
		assertThat(putUnique(2, "b")).isEqualTo("b");
	}

	@Test
	void startModeFreesTheKeyWhenPopped() {
		putUnique(0, "a", "unique-mode", "start");
		assertThat(putUnique(1, "b", "unique-mode", "start")).isEqualTo("a");
		this.qless.popOne(2, "queue", "worker");
		assertThat(holder()).isNull();
		assertThat(putUnique(3, "b", "unique-mode", "start")).isEqualTo("b");
		// a retried start-mode job does not take the key back
		this.qless.call("retry", 4, "a", "queue", "worker", 0);
		assertThat(holder()).isEqualTo("b");
	}

	@Test
	void debounceReplacesTheDataAndPushesTheStartBack() {
		assertThat(this.qless.call("put", 0, "worker", "queue", "a", "klass", "{\"n\":1}", 10, "unique", "order-1",
				"unique-mode", "debounce")).isEqualTo("a");
		try (EventRecorder events = new EventRecorder(this.qless)) {
			assertThat(this.qless.call("put", 5, "worker", "queue", "b", "klass", "{\"n\":2}", 10, "unique",
					"order-1", "unique-mode", "debounce")).isEqualTo("a");
			assertThat(events.drain()).extracting(EventRecorder.Event::channel).containsExactly("ql:log");
		}
		assertThat(this.qless.job("b")).isNull();
		JsonNode a = this.qless.job("a");
		assertThat(a.get("data").asString()).isEqualTo("{\"n\":2}");
		assertThat(a.get("history")).hasSize(2);
		assertThat(this.qless.zscore("ql:q:queue-scheduled", "a")).isEqualTo(15.0);
		assertThat(QlessScript.jids(this.qless.pop(10, "queue", "worker", 1))).isEmpty();
		assertThat(QlessScript.jids(this.qless.pop(15, "queue", "worker", 1))).containsExactly("a");
		assertThat(holder()).isNull();
		// while the holder runs, a debounce put makes a new job
		assertThat(putUnique(16, "c", "unique-mode", "debounce")).isEqualTo("c");
	}

	@Test
	void debounceOverAWaitingHolderMovesItBack() {
		putUnique(0, "a", "unique-mode", "debounce");
		this.qless.put(1, "queue", "other");
		assertThat(putUnique(2, "b", "unique-mode", "debounce")).isEqualTo("a");
		assertThat(QlessScript.jids(this.qless.pop(3, "queue", "worker", 2))).containsExactly("other", "a");
	}

	@Test
	void aDebouncePutOverARunningFinishHolderIsIgnored() {
		putUnique(0, "a");
		this.qless.popOne(1, "queue", "worker");
		assertThat(putUnique(2, "b", "unique-mode", "debounce")).isEqualTo("a");
		assertThat(this.qless.job("b")).isNull();
		assertThat(this.qless.state("a")).isEqualTo("running");
	}

	@Test
	void theKeyOfAGoneHolderIsTakenOver() {
		this.qless.redis().set("ql:u:order-1", "gone");
		assertThat(putUnique(0, "a")).isEqualTo("a");
		assertThat(holder()).isEqualTo("a");
	}

	@Test
	void theKeyOfACompleteOrFailedHolderIsTakenOver() {
		// as another client's script leaves it: the state changed, the key stayed
		putUnique(0, "a");
		this.qless.redis().hset("ql:j:a", "state", "complete");
		assertThat(putUnique(1, "b")).isEqualTo("b");
		this.qless.redis().hset("ql:j:b", "state", "failed");
		assertThat(putUnique(2, "c")).isEqualTo("c");
		assertThat(holder()).isEqualTo("c");
	}

	@Test
	void theKeyOfAStartedStartModeHolderIsTakenOver() {
		putUnique(0, "a", "unique-mode", "start");
		this.qless.redis().hset("ql:j:a", "state", "running");
		assertThat(putUnique(1, "b")).isEqualTo("b");
	}

	@Test
	void theKeyOfAHolderThatNoLongerCarriesItIsTakenOver() {
		putUnique(0, "a");
		this.qless.redis().hdel("ql:j:a", "unique");
		assertThat(putUnique(1, "b")).isEqualTo("b");
	}

	@Test
	void aRePutOfTheHolderWithoutTheKeyFreesIt() {
		putUnique(0, "a");
		assertThat(this.qless.put(1, "queue", "a")).isEqualTo("a");
		assertThat(holder()).isNull();
		assertThat(this.qless.hash("ql:j:a")).doesNotContainKeys("unique", "unique-mode");
		assertThat(putUnique(2, "b")).isEqualTo("b");
	}

	@Test
	void aRePutOfTheHolderWithTheKeyKeepsItAndWithAnotherMovesIt() {
		putUnique(0, "a");
		assertThat(putUnique(1, "a", "priority", 3)).isEqualTo("a");
		assertThat(holder()).isEqualTo("a");
		assertThat(this.qless.put(2, "queue", "a", "unique", "order-2")).isEqualTo("a");
		assertThat(holder()).isNull();
		assertThat(this.qless.redis().get("ql:u:order-2")).isEqualTo("a");
	}

	@Test
	void requeueWithAHeldKeyIsADuplicate() {
		putUnique(0, "a");
		this.qless.put(0, "queue", "b");
		assertThat(this.qless.call("requeue", 1, "worker", "queue", "b", "klass", "{}", 0, "unique", "order-1"))
			.isEqualTo("a");
		assertThat(this.qless.hash("ql:j:b")).doesNotContainKey("unique");
	}

	@Test
	void releaseLeavesALaterHolderAlone() {
		putUnique(0, "a");
		this.qless.redis().set("ql:u:order-1", "b");
		this.qless.call("cancel", 1, "a");
		assertThat(holder()).isEqualTo("b");
	}

	@Test
	void theKeyExpiresAfterItsTtl() {
		putUnique(0, "a");
		assertThat(this.qless.redis().ttl("ql:u:order-1")).isBetween(DEFAULT_TTL - 5, DEFAULT_TTL);
		this.qless.putBy(0, "worker", "queue", "d", 100, "unique", "delayed");
		assertThat(this.qless.redis().ttl("ql:u:delayed")).isBetween(DEFAULT_TTL + 95, DEFAULT_TTL + 100);
		this.qless.put(0, "queue", "e", "unique", "short", "unique-ttl", 60);
		assertThat(this.qless.redis().ttl("ql:u:short")).isBetween(55L, 60L);
		this.qless.put(0, "queue", "f", "unique", "forever", "unique-ttl", 0);
		assertThat(this.qless.redis().ttl("ql:u:forever")).isEqualTo(-1L);
		// once the key expired, the next put makes a new job, and the old holder's end
		// leaves the new holder's key alone
		this.qless.redis().pexpire("ql:u:short", 1);
		await(() -> this.qless.redis().exists("ql:u:short") == 0);
		assertThat(this.qless.put(1, "queue", "g", "unique", "short")).isEqualTo("g");
		this.qless.call("cancel", 2, "e");
		assertThat(this.qless.redis().get("ql:u:short")).isEqualTo("g");
	}

	@Test
	void optionsAreChecked() {
		this.qless.assertError("Put(): Arg \"unique\" empty", "put", 0, "w", "q", "j", "k", "{}", 0, "unique", "");
		this.qless.assertError("Put(): Arg \"unique-mode\" must be finish, start or debounce: later", "put", 0, "w",
				"q", "j", "k", "{}", 0, "unique", "u", "unique-mode", "later");
		this.qless.assertError("Put(): Arg \"unique-ttl\" not a number of seconds: -1", "put", 0, "w", "q", "j", "k",
				"{}", 0, "unique", "u", "unique-ttl", -1);
		assertThat(this.qless.job("j")).isNull();
		assertThat(this.qless.redis().keys("ql:u:*")).isEmpty();
	}

	private static void await(java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + 2_000_000_000L;
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition met in time").isLessThan(deadline);
			Thread.onSpinWait();
		}
	}

}
