package io.qless.scripts;

import java.util.ArrayList;
import java.util.List;

import io.qless.scripts.EventRecorder.Event;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.qless.scripts.QlessScript.jids;
import static io.qless.scripts.QlessScript.strings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throttles in the core paths: put, pop, the paths that release
 * locks, the implicit queue throttle, expiry, listings and recurring jobs, and that a job
 * without throttles reads exactly as in qless-core.
 */
class ThrottleTests extends ScriptTestSupport {

	private static final List<String> CORE_JOB_KEYS = List.of("jid", "klass", "state", "queue", "worker", "tracked",
			"priority", "expires", "retries", "remaining", "data", "tags", "history", "failure", "spawned_from_jid",
			"dependents", "dependencies");

	// ---- helpers ----

	private void throttle(String tid, int maximum) {
		assertThat(this.qless.call("throttle.set", 0, tid, maximum)).isNull();
	}

	private @Nullable Object put(long now, String queue, String jid, Object... options) {
		return this.qless.put(now, queue, jid, options);
	}

	private @Nullable Object putWith(long now, String queue, String jid, String throttles, Object... options) {
		Object[] args = new Object[2 + options.length];
		args[0] = "throttles";
		args[1] = throttles;
		System.arraycopy(options, 0, args, 2, options.length);
		return this.qless.put(now, queue, jid, args);
	}

	private List<String> locks(String tid) {
		return array(this.qless.call("throttle.locks", 0, tid));
	}

	private List<String> pending(String tid) {
		return array(this.qless.call("throttle.pending", 0, tid));
	}

	private List<String> throttled(String queue) {
		return array(this.qless.call("jobs", 0, "throttled", queue));
	}

	/** A plain array reply as strings. */
	private static List<String> array(@Nullable Object reply) {
		assertThat(reply).isInstanceOf(List.class);
		List<String> strings = new ArrayList<>();
		((List<?>) reply).forEach((item) -> strings.add((String) item));
		return strings;
	}

	private List<String> work(String queue) {
		return this.qless.redis().zrevrange("ql:q:" + queue + "-work", 0, -1);
	}

	private List<String> throttlesOf(String jid) {
		JsonNode job = this.qless.job(jid);
		assertThat(job).isNotNull();
		assertThat(job.has("throttles")).as("job %s has throttles", jid).isTrue();
		return strings(job.get("throttles"));
	}

	private List<String> whats(String jid) {
		JsonNode job = this.qless.job(jid);
		assertThat(job).isNotNull();
		List<String> whats = new ArrayList<>();
		job.get("history").forEach((entry) -> whats.add(entry.get("what").asString()));
		return whats;
	}

	private JsonNode lastHistory(String jid) {
		JsonNode history = this.qless.job(jid).get("history");
		return history.get(history.size() - 1);
	}

	/** Throttle t of maximum 1: "holder" runs holding it, "waiter" was throttled at put. */
	private void holderAndWaiter(Object... holderOptions) {
		throttle("t", 1);
		putWith(0, "queue", "holder", "[\"t\"]", holderOptions);
		assertThat(this.qless.popOne(1, "queue", "worker").get("jid").asString()).isEqualTo("holder");
		putWith(2, "queue", "waiter", "[\"t\"]");
		assertThat(this.qless.state("waiter")).isEqualTo("throttled");
		assertThat(pending("t")).containsExactly("waiter");
		assertThat(throttled("queue")).containsExactly("waiter");
	}

	private void assertWaiterReleased(long now) {
		assertThat(locks("t")).doesNotContain("holder");
		assertThat(pending("t")).isEmpty();
		assertThat(throttled("queue")).isEmpty();
		assertThat(this.qless.zscore("ql:q:queue-work", "waiter")).isEqualTo(-now / 10_000_000_000.0);
		assertThat(this.qless.state("waiter")).as("state changes only when popped").isEqualTo("throttled");
	}

	// ---- the worked example: two throttled queues ----

	@Test
	void workedExample() {
		throttle("t", 1);
		putWith(0, "q", "j1", "[\"t\"]");
		putWith(1, "q", "j2", "[\"t\"]");
		assertThat(jids(this.qless.pop(2, "q", "w", 2))).containsExactly("j1");
		assertThat(locks("t")).containsExactly("j1");
		assertThat(locks("ql:q:q")).containsExactly("j1");
		assertThat(pending("t")).containsExactly("j2");
		assertThat(throttled("q")).containsExactly("j2");
		assertThat(this.qless.state("j2")).isEqualTo("throttled");
		JsonNode throttledEntry = lastHistory("j2");
		assertThat(throttledEntry.get("what").asString()).isEqualTo("throttled");
		assertThat(throttledEntry.get("queue").asString()).isEqualTo("q");
		assertThat(throttledEntry.get("when").asInt()).isEqualTo(2);
		assertThat(work("q")).isEmpty();

		assertThat(this.qless.complete(3, "j1", "w", "q")).isEqualTo("complete");
		assertThat(pending("t")).isEmpty();
		assertThat(throttled("q")).isEmpty();
		assertThat(work("q")).containsExactly("j2");
		assertThat(this.qless.state("j2")).isEqualTo("throttled");
		assertThat(locks("t")).isEmpty();
		assertThat(locks("ql:q:q")).isEmpty();

		assertThat(this.qless.popOne(4, "q", "w").get("jid").asString()).isEqualTo("j2");
		assertThat(locks("t")).containsExactly("j2");
		assertThat(this.qless.state("j2")).isEqualTo("running");
		assertThat(whats("j2")).containsExactly("put", "throttled", "popped");
	}

	@Test
	void workedExampleReleasedByHandLeavesTheWaiterInTheThrottledSet() {
		throttle("t", 1);
		putWith(0, "q", "j1", "[\"t\"]");
		putWith(1, "q", "j2", "[\"t\"]");
		this.qless.pop(2, "q", "w", 2);
		assertThat(this.qless.call("throttle.release", 3, "t", "j2", "j1")).isNull();
		assertThat(locks("t")).isEmpty();
		assertThat(pending("t")).isEmpty();
		assertThat(throttled("q")).containsExactly("j2");
		assertThat(work("q")).isEmpty();
		assertThat(this.qless.state("j2")).isEqualTo("throttled");
		assertThat(locks("ql:q:q")).as("only t was released").containsExactly("j1");
	}

	// ---- put ----

	@Test
	void putStoresTheListWithTheQueueThrottleLast() {
		putWith(0, "queue", "jid", "[\"a\", \"b\"]");
		assertThat(this.qless.hash("ql:j:jid")).containsEntry("throttles", "[\"a\",\"b\",\"ql:q:queue\"]");
		assertThat(throttlesOf("jid")).containsExactly("a", "b", "ql:q:queue");
		assertThat(this.qless.state("jid")).isEqualTo("waiting");
		assertThat(work("queue")).containsExactly("jid");
	}

	@Test
	void movingAJobDropsItsOldQueueThrottleFromTheGivenList() {
		putWith(0, "one", "jid", "[\"a\"]");
		this.qless.call("requeue", 1, "worker", "two", "jid", "klass", "{}", 0, "throttles",
				"[\"a\", \"ql:q:one\"]");
		assertThat(throttlesOf("jid")).containsExactly("a", "ql:q:two");
		putWith(2, "two", "jid", "[\"ql:q:two\", \"a\"]");
		assertThat(throttlesOf("jid")).containsExactly("a", "ql:q:two");
		putWith(3, "three", "fresh", "[\"ql:q:three\", \"a\"]");
		assertThat(throttlesOf("fresh")).as("named once, where the caller put it").containsExactly("ql:q:three", "a");
	}

	@Test
	void putIntoAFullThrottleThrottlesTheJob() {
		holderAndWaiter();
		assertThat(whats("waiter")).containsExactly("put", "throttled");
		JsonNode entry = lastHistory("waiter");
		assertThat(entry.get("queue").asString()).isEqualTo("queue");
		assertThat(entry.get("when").asInt()).isEqualTo(2);
		assertThat(this.qless.zscore("ql:th:t-pending", "waiter")).isEqualTo(2.0);
		assertThat(this.qless.zscore("ql:q:queue-throttled", "waiter")).isEqualTo(2.0);
		assertThat(work("queue")).isEmpty();
		assertThat(jids(this.qless.peek(3, "queue", 10))).isEmpty();
		assertThat(locks("t")).containsExactly("holder");
	}

	@Test
	void delayedAndDependentJobsMeetTheirThrottlesOnlyWhenPopped() {
		holderAndWaiter();
		putWith(3, "queue", "later", "[\"t\"]", "priority", 0);
		this.qless.putBy(3, "worker", "queue", "scheduled", 5, "throttles", "[\"t\"]");
		assertThat(this.qless.state("scheduled")).isEqualTo("scheduled");
		put(3, "queue", "dependency");
		this.qless.put(3, "queue", "dependent", "throttles", "[\"t\"]", "depends", "[\"dependency\"]");
		assertThat(this.qless.state("dependent")).isEqualTo("depends");
		assertThat(pending("t")).containsExactly("waiter", "later");
	}

	@Test
	void putRejectsThrottlesThatAreNotAJsonArray() {
		for (String bad : new String[] { "nope", "5", "\"t\"", "[{}]", "[[\"t\"]]" }) {
			this.qless.assertError("Put(): Arg \"throttles\" not JSON array: " + bad, "put", 0, "worker", "queue", "jid",
					"klass", "{}", 0, "throttles", bad);
		}
		assertThat(this.qless.redis().exists("ql:j:jid")).isZero();
		putWith(0, "queue", "empty", "[]");
		assertThat(this.qless.hash("ql:j:empty")).doesNotContainKey("throttles");
		assertThat(this.qless.job("empty").has("throttles")).isFalse();
	}

	// ---- pop ----

	@Test
	void popTakesAllLocksOrNone() {
		throttle("a", 1);
		throttle("b", 2);
		putWith(0, "queue", "x", "[\"a\"]");
		putWith(1, "queue", "y", "[\"b\", \"a\"]");
		assertThat(jids(this.qless.pop(2, "queue", "worker", 2))).containsExactly("x");
		assertThat(locks("a")).containsExactly("x");
		assertThat(locks("b")).as("nothing taken when one throttle is full").isEmpty();
		assertThat(pending("a")).as("parked on the first full throttle").containsExactly("y");
		assertThat(pending("b")).isEmpty();
		assertThat(this.qless.state("y")).isEqualTo("throttled");
	}

	@Test
	void locksAreRecordedOnThrottlesWithoutMaximum() {
		putWith(0, "queue", "jid", "[\"free\"]");
		this.qless.popOne(1, "queue", "worker");
		assertThat(locks("free")).containsExactly("jid");
		assertThat(locks("ql:q:queue")).containsExactly("jid");
		this.qless.complete(2, "jid", "worker", "queue");
		assertThat(locks("free")).isEmpty();
		assertThat(locks("ql:q:queue")).isEmpty();
	}

	@Test
	void aJobThrottledAgainByAPopGetsNoSecondHistoryEntry() {
		holderAndWaiter();
		this.qless.call("throttle.set", 2, "t", 2);
		this.qless.call("throttle.release", 2, "t", "nobody");
		assertThat(work("queue")).containsExactly("waiter");
		this.qless.call("throttle.set", 2, "t", 1);
		assertThat(jids(this.qless.pop(3, "queue", "worker", 1))).isEmpty();
		assertThat(pending("t")).containsExactly("waiter");
		assertThat(this.qless.zscore("ql:th:t-pending", "waiter")).isEqualTo(3.0);
		assertThat(whats("waiter")).containsExactly("put", "throttled");
	}

	@Test
	void maxPopRetryDefaultsToOneBatch() {
		throttledHeadOfQueue();
		assertThat(jids(this.qless.pop(4, "queue", "worker", 2))).containsExactly("b");
		assertThat(work("queue")).containsExactly("c");
		assertThat(pending("t")).containsExactly("a");
	}

	@Test
	void maxPopRetryLetsPopLookFurther() {
		throttledHeadOfQueue();
		this.qless.config("max-pop-retry", 2);
		assertThat(jids(this.qless.pop(4, "queue", "worker", 2))).containsExactly("b", "c");
		assertThat(work("queue")).isEmpty();
	}

	@Test
	void queueMaxPopRetryWins() {
		throttledHeadOfQueue();
		this.qless.config("max-pop-retry", 1);
		this.qless.config("queue-max-pop-retry", 3);
		assertThat(jids(this.qless.pop(4, "queue", "worker", 2))).containsExactly("b", "c");
	}

	@Test
	void maxPopRetryZeroHandsOutNothingFromWork() {
		throttledHeadOfQueue();
		this.qless.config("max-pop-retry", 0);
		assertThat(jids(this.qless.pop(4, "queue", "worker", 2))).isEmpty();
		assertThat(work("queue")).containsExactly("a", "b", "c");
	}

	/** t (maximum 1) held by x; a (needs t) heads the work queue, b and c need nothing. */
	private void throttledHeadOfQueue() {
		throttle("t", 1);
		putWith(0, "queue", "x", "[\"t\"]", "priority", 100);
		putWith(0, "queue", "a", "[\"t\"]", "priority", 50);
		put(1, "queue", "b");
		put(2, "queue", "c");
		assertThat(this.qless.popOne(3, "queue", "worker").get("jid").asString()).isEqualTo("x");
		assertThat(work("queue")).containsExactly("a", "b", "c");
	}

	@Test
	void maxConcurrencyIsCheckedFirst() {
		this.qless.call("queue.throttle.set", 0, "queue", 5);
		this.qless.config("queue-max-concurrency", 1);
		put(0, "queue", "a");
		put(1, "queue", "b");
		assertThat(jids(this.qless.pop(2, "queue", "worker", 2))).containsExactly("a");
		assertThat(work("queue")).containsExactly("b");
		assertThat(this.qless.state("b")).isEqualTo("waiting");
	}

	// ---- releasing ----

	@Test
	void completeReleasesAndPromotesThePendingJob() {
		holderAndWaiter();
		this.qless.complete(3, "holder", "worker", "queue");
		assertWaiterReleased(3);
		assertThat(this.qless.popOne(4, "queue", "worker").get("jid").asString()).isEqualTo("waiter");
		assertThat(locks("t")).containsExactly("waiter");
	}

	@Test
	void completeWithNextReleasesAndTakesTheNextQueuesThrottle() {
		holderAndWaiter();
		assertThat(this.qless.complete(3, "holder", "worker", "queue", "next", "other")).isEqualTo("waiting");
		assertWaiterReleased(3);
		assertThat(throttlesOf("holder")).containsExactly("t", "ql:q:other");
		assertThat(work("other")).containsExactly("holder");
	}

	@Test
	void failReleases() {
		holderAndWaiter();
		this.qless.fail(3, "holder", "worker", "grp", "msg");
		assertWaiterReleased(3);
	}

	@Test
	void retryReleasesAndTheRetriedJobQueuesBehindThePromotedOne() {
		holderAndWaiter();
		assertThat(this.qless.call("retry", 3, "holder", "queue", "worker")).isEqualTo(4L);
		assertWaiterReleased(3);
		assertThat(work("queue")).containsExactly("waiter", "holder");
		assertThat(jids(this.qless.pop(4, "queue", "worker", 2))).containsExactly("waiter");
		assertThat(pending("t")).containsExactly("holder");
		assertThat(whats("holder")).containsExactly("put", "popped", "throttled");
	}

	@Test
	void exhaustedRetryReleases() {
		holderAndWaiter("retries", 0);
		assertThat(this.qless.call("retry", 3, "holder", "queue", "worker")).isEqualTo(-1L);
		assertThat(this.qless.state("holder")).isEqualTo("failed");
		assertWaiterReleased(3);
	}

	@Test
	void cancelOfTheHolderReleases() {
		holderAndWaiter();
		this.qless.call("cancel", 3, "holder");
		assertWaiterReleased(3);
	}

	@Test
	void cancelOfAThrottledJobLeavesPendingAndThrottled() {
		holderAndWaiter();
		this.qless.call("cancel", 3, "waiter");
		assertThat(pending("t")).isEmpty();
		assertThat(throttled("queue")).isEmpty();
		assertThat(locks("t")).containsExactly("holder");
		assertThat(this.qless.redis().exists("ql:j:waiter")).isZero();
	}

	@Test
	void timeoutReleases() {
		holderAndWaiter();
		this.qless.call("timeout", 3, "holder");
		assertWaiterReleased(3);
		assertThat(this.qless.state("holder")).isEqualTo("stalled");
	}

	@Test
	void lockReclaimKeepsTheLocksUntilRetriesAreExhausted() {
		holderAndWaiter("retries", 0);
		// heartbeat 60: the lock expires at 61; the grace period of 10 s ends at 72.
		assertThat(jids(this.qless.pop(62, "queue", "other", 1))).isEmpty();
		assertThat(locks("t")).containsExactly("holder");
		assertThat(pending("t")).containsExactly("waiter");
		JsonNode popped = this.qless.pop(73, "queue", "other", 1);
		assertThat(this.qless.state("holder")).isEqualTo("failed");
		assertThat(jids(popped)).as("the released waiter runs in the same pop").containsExactly("waiter");
		assertThat(locks("t")).containsExactly("waiter");
		assertThat(pending("t")).isEmpty();
	}

	@Test
	void aReclaimedJobIsHandedOutAgainWithTheLocksItHolds() {
		holderAndWaiter();
		this.qless.pop(62, "queue", "other", 1);
		assertThat(jids(this.qless.pop(73, "queue", "other", 1))).containsExactly("holder");
		assertThat(locks("t")).containsExactly("holder");
		assertThat(pending("t")).containsExactly("waiter");
	}

	// ---- re-put ----

	@Test
	void rePutReleasesTheOldLocksFirst() {
		holderAndWaiter();
		putWith(3, "queue", "holder", "[\"t\"]");
		assertThat(this.qless.state("holder")).as("not throttled by its own old lock").isEqualTo("waiting");
		assertThat(locks("t")).isEmpty();
		assertThat(pending("t")).isEmpty();
		assertThat(throttled("queue")).isEmpty();
		assertThat(work("queue")).containsExactlyInAnyOrder("waiter", "holder");
	}

	@Test
	void rePutOfAThrottledJobLeavesItsPendingPlace() {
		holderAndWaiter();
		put(3, "queue", "waiter");
		assertThat(pending("t")).isEmpty();
		assertThat(throttled("queue")).isEmpty();
		assertThat(this.qless.state("waiter")).isEqualTo("waiting");
		assertThat(this.qless.hash("ql:j:waiter")).as("throttles are not inherited").doesNotContainKey("throttles");
		assertThat(this.qless.job("waiter").has("throttles")).isFalse();
		this.qless.complete(4, "holder", "worker", "queue");
		assertThat(work("queue")).containsExactly("waiter");
	}

	@Test
	void aThrottledJobMovedToAnotherQueueLeavesTheOldThrottledSet() {
		holderAndWaiter();
		putWith(3, "other", "waiter", "[\"u\"]");
		assertThat(throttled("queue")).isEmpty();
		assertThat(pending("t")).isEmpty();
		assertThat(throttlesOf("waiter")).containsExactly("u", "ql:q:other");
		assertThat(work("other")).containsExactly("waiter");
	}

	// ---- the implicit queue throttle ----

	@Test
	void queueThrottleLimitsJobsPutWithoutThrottles() {
		this.qless.call("queue.throttle.set", 0, "queue", 1);
		put(0, "queue", "a");
		put(1, "queue", "b");
		assertThat(this.qless.hash("ql:j:a")).doesNotContainKey("throttles");
		JsonNode popped = this.qless.pop(2, "queue", "worker", 2);
		assertThat(jids(popped)).containsExactly("a");
		assertThat(strings(popped.get(0).get("throttles"))).containsExactly("ql:q:queue");
		assertThat(throttlesOf("a")).containsExactly("ql:q:queue");
		assertThat(locks("ql:q:queue")).containsExactly("a");
		assertThat(pending("ql:q:queue")).containsExactly("b");
		assertThat(throttlesOf("b")).containsExactly("ql:q:queue");
		assertThat(this.qless.state("b")).isEqualTo("throttled");
		this.qless.complete(3, "a", "worker", "queue");
		assertThat(locks("ql:q:queue")).isEmpty();
		assertThat(work("queue")).containsExactly("b");
		assertThat(this.qless.popOne(4, "queue", "worker").get("jid").asString()).isEqualTo("b");
		assertThat(locks("ql:q:queue")).containsExactly("b");
	}

	@Test
	void queueThrottleAppliesToJobsWhoseListLacksIt() {
		this.qless.call("queue.throttle.set", 0, "queue", 1);
		putWith(0, "queue", "a", "[\"x\"]");
		this.qless.redis().hset("ql:j:a", "throttles", "[\"x\"]");
		put(1, "queue", "b");
		assertThat(jids(this.qless.pop(2, "queue", "worker", 2))).containsExactly("a");
		assertThat(throttlesOf("a")).containsExactly("x", "ql:q:queue");
		assertThat(locks("ql:q:queue")).containsExactly("a");
	}

	@Test
	void aFullQueueThrottleLeavesWorkAlone() {
		this.qless.call("queue.throttle.set", 0, "queue", 1);
		put(0, "queue", "a");
		this.qless.popOne(1, "queue", "worker");
		this.qless.putBy(1, "worker", "queue", "later", 5);
		put(2, "queue", "b");
		assertThat(jids(this.qless.pop(10, "queue", "worker", 2))).isEmpty();
		assertThat(work("queue")).as("promoted, but neither handed out nor parked").containsExactly("b", "later");
		assertThat(this.qless.state("later")).isEqualTo("waiting");
		assertThat(this.qless.state("b")).isEqualTo("waiting");
		assertThat(pending("ql:q:queue")).isEmpty();
		this.qless.complete(11, "a", "worker", "queue");
		assertThat(jids(this.qless.pop(12, "queue", "worker", 2))).containsExactly("b");
		assertThat(pending("ql:q:queue")).containsExactly("later");
	}

	@Test
	void aReclaimedJobRunsAgainWhileItsQueueThrottleIsFull() {
		this.qless.call("queue.throttle.set", 0, "queue", 1);
		put(0, "queue", "a");
		put(1, "queue", "b");
		assertThat(jids(this.qless.pop(1, "queue", "worker", 1))).containsExactly("a");
		this.qless.pop(62, "queue", "other", 1);
		assertThat(jids(this.qless.pop(73, "queue", "other", 2))).containsExactly("a");
		assertThat(locks("ql:q:queue")).containsExactly("a");
		assertThat(work("queue")).containsExactly("b");
	}

	@Test
	void queueThrottleWithoutMaximumLeavesJobsWithoutThrottlesAlone() {
		this.qless.call("queue.throttle.set", 0, "queue", 0);
		put(0, "queue", "a");
		JsonNode popped = this.qless.popOne(1, "queue", "worker");
		assertThat(popped.has("throttles")).isFalse();
		assertThat(locks("ql:q:queue")).isEmpty();
		assertThat(this.qless.hash("ql:j:a")).doesNotContainKey("throttles");
	}

	// ---- expiry ----

	@Test
	void anExpiredThrottleIsUnlimited() throws InterruptedException {
		assertThat(this.qless.call("throttle.set", 0, "t", 1, 1)).isNull();
		putWith(0, "queue", "a", "[\"t\"]");
		putWith(1, "queue", "b", "[\"t\"]");
		assertThat(jids(this.qless.pop(2, "queue", "worker", 2))).containsExactly("a");
		assertThat(pending("t")).containsExactly("b");
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (this.qless.redis().exists("ql:th:t") > 0 && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		JsonNode expired = this.qless.json("throttle.get", 3, "t");
		assertThat(expired.get("maximum").asInt()).isZero();
		assertThat(expired.get("ttl").asInt()).isEqualTo(-2);
		putWith(3, "queue", "c", "[\"t\"]");
		assertThat(this.qless.state("c")).isEqualTo("waiting");
		assertThat(this.qless.popOne(4, "queue", "worker").get("jid").asString()).isEqualTo("c");
		assertThat(locks("t")).containsExactly("a", "c");
		this.qless.complete(5, "a", "worker", "queue");
		assertThat(work("queue")).as("released with unlimited slots").containsExactly("b");
		assertThat(pending("t")).isEmpty();
	}

	// ---- listings ----

	@Test
	void jobsThrottledListsTheThrottledSetByRank() {
		holderAndWaiter();
		putWith(3, "queue", "w3", "[\"t\"]");
		putWith(4, "queue", "w4", "[\"t\"]");
		Object all = this.qless.call("jobs", 5, "throttled", "queue");
		assertThat(all).isInstanceOf(List.class);
		assertThat(all).isEqualTo(List.of("waiter", "w3", "w4"));
		assertThat(this.qless.call("jobs", 5, "throttled", "queue", 1, 1)).isEqualTo(List.of("w3"));
		assertThat(this.qless.call("jobs", 5, "throttled", "queue", 1, 5)).isEqualTo(List.of("w3", "w4"));
		assertThat(this.qless.call("jobs", 5, "throttled", "empty")).isEqualTo(List.of());
		this.qless.assertError("Jobs(): Arg \"offset\" not a number: x", "jobs", 5, "throttled", "queue", "x");
	}

	@Test
	void queueCountsShowThrottledOnlyWhenThereAreThrottledJobs() {
		put(0, "queue", "plain");
		JsonNode counts = this.qless.json("queues", 1, "queue");
		assertThat(counts.has("throttled")).isFalse();
		assertThat(this.qless.json("queues", 1).get(0).has("throttled")).isFalse();
		this.qless.call("cancel", 1, "plain");
		holderAndWaiter();
		counts = this.qless.json("queues", 3, "queue");
		assertThat(counts.get("throttled").asInt()).isEqualTo(1);
		assertThat(counts.get("waiting").asInt()).isZero();
		assertThat(counts.get("running").asInt()).isEqualTo(1);
		assertThat(this.qless.json("queues", 3).get(0).get("throttled").asInt()).isEqualTo(1);
		this.qless.complete(4, "holder", "worker", "queue");
		counts = this.qless.json("queues", 5, "queue");
		assertThat(counts.has("throttled")).isFalse();
		assertThat(counts.get("waiting").asInt()).isEqualTo(1);
	}

	// ---- jobs without throttles ----

	@Test
	void aJobWithoutThrottlesReadsExactlyAsInQlessCore() {
		put(0, "queue", "jid");
		assertThat(this.qless.hash("ql:j:jid")).doesNotContainKey("throttles");
		assertThat(this.qless.job("jid").propertyNames()).containsExactlyInAnyOrderElementsOf(CORE_JOB_KEYS);
		JsonNode popped = this.qless.popOne(1, "queue", "worker");
		assertThat(popped.propertyNames()).containsExactlyInAnyOrderElementsOf(CORE_JOB_KEYS);
		this.qless.complete(2, "jid", "worker", "queue", "next", "other");
		this.qless.popOne(3, "other", "worker");
		this.qless.fail(4, "jid", "worker", "grp", "msg");
		this.qless.call("unfail", 5, "queue", "grp");
		assertThat(this.qless.job("jid").propertyNames()).containsExactlyInAnyOrderElementsOf(CORE_JOB_KEYS);
		assertThat(this.qless.hash("ql:j:jid")).doesNotContainKey("throttles");
		assertThat(this.qless.redis().keys("ql:th:*")).isEmpty();
		assertThat(this.qless.redis().keys("*-throttled")).isEmpty();
	}

	@Test
	void throttlingPublishesNothing() {
		try (EventRecorder events = new EventRecorder(this.qless)) {
			holderAndWaiter();
			List<Event> recorded = events.drain();
			assertThat(recorded).extracting(Event::channel).containsOnly("ql:log");
			assertThat(recorded).hasSize(2);
			this.qless.call("throttle.release", 3, "t", "waiter");
			this.qless.call("throttle.set", 3, "t", 4);
			this.qless.call("throttle.delete", 3, "t");
			assertThat(events.drain()).isEmpty();
		}
	}

	@Test
	void unfailIntoAnotherQueueTakesThatQueuesThrottle() {
		putWith(0, "queue", "jid", "[\"t\"]");
		this.qless.popOne(1, "queue", "worker");
		this.qless.fail(2, "jid", "worker", "grp", "msg");
		assertThat(locks("t")).isEmpty();
		this.qless.call("unfail", 3, "other", "grp");
		assertThat(throttlesOf("jid")).containsExactly("t", "ql:q:other");
		assertThat(work("other")).containsExactly("jid");
	}

	// ---- recurring jobs ----

	private void recur(long now, String queue, String jid, Object... options) {
		Object[] args = new Object[7 + options.length];
		Object[] fixed = { queue, jid, "klass", "{}", "interval", 60, 0 };
		System.arraycopy(fixed, 0, args, 0, fixed.length);
		System.arraycopy(options, 0, args, fixed.length, options.length);
		assertThat(this.qless.call("recur", now, args)).isEqualTo(jid);
	}

	private @Nullable JsonNode recurThrottles(String jid) {
		return this.qless.json("recur.get", 0, jid).get("throttles");
	}

	@Test
	void recurringChildrenCarryTheTemplatesThrottles() {
		throttle("t", 1);
		recur(0, "queue", "r", "throttles", "[\"t\"]");
		assertThat(strings(recurThrottles("r"))).containsExactly("t", "ql:q:queue");
		assertThat(this.qless.hash("ql:r:r")).containsEntry("throttles", "[\"t\",\"ql:q:queue\"]");
		JsonNode child = this.qless.popOne(1, "queue", "worker");
		assertThat(child.get("jid").asString()).isEqualTo("r-1");
		assertThat(strings(child.get("throttles"))).containsExactly("t", "ql:q:queue");
		assertThat(locks("t")).containsExactly("r-1");
		assertThat(jids(this.qless.pop(61, "queue", "worker", 1))).as("r-2 waits for t").isEmpty();
		assertThat(pending("t")).containsExactly("r-2");
	}

	@Test
	void recurWithoutThrottlesReadsAsInQlessCore() {
		recur(0, "queue", "r");
		assertThat(this.qless.json("recur.get", 0, "r").has("throttles")).isFalse();
		assertThat(this.qless.hash("ql:r:r")).doesNotContainKey("throttles");
		assertThat(this.qless.popOne(1, "queue", "worker").has("throttles")).isFalse();
		recur(2, "queue", "r", "throttles", "[\"t\"]");
		recur(3, "queue", "r");
		assertThat(this.qless.hash("ql:r:r")).as("not inherited").doesNotContainKey("throttles");
	}

	@Test
	void recurUpdateOfThrottlesAndQueue() {
		recur(0, "queue", "r", "throttles", "[\"t\"]");
		assertThat(this.qless.call("recur.update", 1, "r", "queue", "other")).isEqualTo(1L);
		assertThat(strings(recurThrottles("r"))).containsExactly("t", "ql:q:other");
		this.qless.call("recur.update", 1, "r", "throttles", "[\"x\", \"y\"]");
		assertThat(strings(recurThrottles("r"))).as("replaced verbatim").containsExactly("x", "y");
		this.qless.call("queue.throttle.set", 1, "other", 5);
		JsonNode child = this.qless.popOne(2, "other", "worker");
		assertThat(strings(child.get("throttles"))).containsExactly("x", "y", "ql:q:other");
		this.qless.call("recur.update", 3, "r", "throttles", "[]");
		assertThat(this.qless.json("recur.get", 3, "r").has("throttles")).isFalse();
		recur(4, "other", "r", "throttles", "[\"t\", \"ql:q:other\"]");
		assertThat(strings(recurThrottles("r"))).as("re-recur drops the old queue's throttle")
			.containsExactly("t", "ql:q:other");
	}

	@Test
	void recurRejectsThrottlesThatAreNotAJsonArray() {
		this.qless.assertError("Recur(): Arg \"throttles\" not JSON array: nope", "recur", 0, "queue", "r", "klass",
				"{}", "interval", 60, 0, "throttles", "nope");
		recur(0, "queue", "r");
		this.qless.assertError("Recur(): Arg \"throttles\" not JSON array: 5", "recur.update", 0, "r", "throttles", 5);
	}

}
