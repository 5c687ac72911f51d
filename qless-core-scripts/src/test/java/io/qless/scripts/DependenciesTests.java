package io.qless.scripts;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Dependencies. */
class DependenciesTests extends ScriptTestSupport {

	private void running(long now, String jid) {
		this.qless.put(now, "queue", jid, "priority", 100);
		assertThat(this.qless.popOne(now, "queue", "worker").get("jid").asString()).isEqualTo(jid);
	}

	@Test
	void completionUnlocksADependent() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b", "depends", "[\"a\"]");
		assertThat(this.qless.state("b")).isEqualTo("depends");
		assertThat(QlessScript.jids(this.qless.pop(1, "queue", "worker", 10))).containsExactly("a");
		this.qless.complete(2, "a", "worker", "queue");
		assertThat(this.qless.state("b")).isEqualTo("waiting");
		assertThat(QlessScript.jids(this.qless.pop(3, "queue", "worker", 10))).containsExactly("b");
	}

	@Test
	void completionSchedulesADelayedDependentAtItsRecordedTime() {
		this.qless.put(0, "queue", "a");
		this.qless.putBy(0, "worker", "queue", "b", 10, "depends", "[\"a\"]");
		this.qless.popOne(1, "queue", "worker");
		this.qless.complete(2, "a", "worker", "queue");
		assertThat(this.qless.state("b")).isEqualTo("scheduled");
		assertThat(this.qless.zscore("ql:q:queue-scheduled", "b")).isEqualTo(10.0);
		assertThat(this.qless.redis().hexists("ql:j:b", "scheduled")).isFalse();
		assertThat(QlessScript.jids(this.qless.peek(9, "queue", 10))).isEmpty();
		assertThat(QlessScript.jids(this.qless.peek(10, "queue", 10))).containsExactly("b");
		assertThat(this.qless.state("b")).isEqualTo("waiting");
	}

	@Test
	void delayedPutWithAMissingDependencyIsScheduled() {
		this.qless.putBy(0, "worker", "queue", "b", 10, "depends", "[\"missing\"]");
		assertThat(this.qless.state("b")).isEqualTo("scheduled");
		assertThat(this.qless.redis().smembers("ql:j:b-dependencies")).isEmpty();
	}

	@Test
	void completeDependencyCountsAsSatisfied() {
		running(0, "a");
		this.qless.complete(1, "a", "worker", "queue");
		this.qless.put(2, "queue", "b", "depends", "[\"a\", \"missing\"]");
		assertThat(this.qless.state("b")).isEqualTo("waiting");
		assertThat(this.qless.job("b").get("dependencies")).isEqualTo(json("{}"));
	}

	@Test
	void advanceWithNextDependsAndDelayGoesThroughDependsScheduledWaiting() {
		this.qless.put(0, "queue", "a");
		running(0, "b");
		assertThat(this.qless.complete(1, "b", "worker", "queue", "next", "queue", "delay", 10, "depends",
				"[\"a\"]")).isEqualTo("depends");
		assertThat(this.qless.state("b")).isEqualTo("depends");
		assertThat(this.qless.job("a").get("dependents")).isEqualTo(json("[\"b\"]"));
		assertThat(this.qless.job("b").get("dependencies")).isEqualTo(json("[\"a\"]"));
		this.qless.popOne(2, "queue", "worker");
		this.qless.complete(3, "a", "worker", "queue");
		assertThat(this.qless.state("b")).isEqualTo("scheduled");
		assertThat(this.qless.zscore("ql:q:queue-scheduled", "b")).isEqualTo(11.0);
		this.qless.peek(11, "queue", 10);
		assertThat(this.qless.state("b")).isEqualTo("waiting");
	}

	@Test
	void jobWithManyDependenciesWaitsForAll() {
		List<String> parents = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			this.qless.put(0, "queue", "p" + i);
			parents.add("\"p" + i + "\"");
		}
		this.qless.put(0, "queue", "child", "depends", "[" + String.join(",", parents) + "]");
		List<String> popped = QlessScript.jids(this.qless.pop(1, "queue", "worker", 10));
		assertThat(popped).containsExactlyInAnyOrder("p0", "p1", "p2", "p3", "p4");
		for (int i = 0; i < 5; i++) {
			assertThat(this.qless.state("child")).isEqualTo("depends");
			this.qless.complete(2, "p" + i, "worker", "queue");
		}
		assertThat(this.qless.state("child")).isEqualTo("waiting");
	}

	@Test
	void chainUnlocksOneJobAtATime() {
		this.qless.put(0, "queue", "j0");
		for (int i = 1; i < 10; i++) {
			this.qless.put(0, "queue", "j" + i, "depends", "[\"j" + (i - 1) + "\"]");
		}
		for (int i = 0; i < 10; i++) {
			List<String> popped = QlessScript.jids(this.qless.pop(i, "queue", "worker", 10));
			assertThat(popped).containsExactly("j" + i);
			this.qless.complete(i, "j" + i, "worker", "queue");
		}
	}

	@Test
	void dependsOnAndOff() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b");
		this.qless.put(0, "queue", "c");
		this.qless.put(0, "queue", "child", "depends", "[\"a\"]");
		assertThat(this.qless.call("depends", 1, "child", "on", "b", "c")).isEqualTo(1L);
		assertThat(this.qless.redis().smembers("ql:j:child-dependencies")).containsExactlyInAnyOrder("a", "b", "c");
		assertThat(this.qless.redis().smembers("ql:j:b-dependents")).containsExactly("child");
		assertThat(this.qless.call("depends", 2, "child", "off", "a", "b")).isEqualTo(1L);
		assertThat(this.qless.state("child")).isEqualTo("depends");
		assertThat(this.qless.redis().smembers("ql:j:a-dependents")).isEmpty();
		assertThat(this.qless.call("depends", 3, "child", "off", "c")).isEqualTo(1L);
		assertThat(this.qless.state("child")).isEqualTo("waiting");
		assertThat(this.qless.zscore("ql:q:queue-work", "child")).isEqualTo(0 - 3 / 1e10);
		assertThat(this.qless.zscore("ql:q:queue-depends", "child")).isNull();
	}

	@Test
	void dependsOnIgnoresMissingAndCompletedJobs() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "child", "depends", "[\"a\"]");
		running(0, "done");
		this.qless.complete(0, "done", "worker", "queue");
		this.qless.call("depends", 1, "child", "on", "done", "missing");
		assertThat(this.qless.redis().smembers("ql:j:child-dependencies")).containsExactly("a");
	}

	@Test
	void dependsOffAllIgnoresTheScheduledTime() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b");
		this.qless.putBy(0, "worker", "queue", "child", 100, "depends", "[\"a\", \"b\"]");
		assertThat(this.qless.call("depends", 5, "child", "off", "all")).isEqualTo(1L);
		assertThat(this.qless.state("child")).isEqualTo("waiting");
		assertThat(this.qless.zscore("ql:q:queue-work", "child")).isEqualTo(0 - 5 / 1e10);
		assertThat(this.qless.redis().smembers("ql:j:a-dependents")).isEmpty();
		assertThat(this.qless.redis().smembers("ql:j:b-dependents")).isEmpty();
		assertThat(this.qless.redis().exists("ql:j:child-dependencies")).isZero();
	}

	@Test
	void rePutWithNewDependsReplacesTheEdges() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b");
		this.qless.put(0, "queue", "child", "depends", "[\"a\"]");
		this.qless.put(1, "queue", "child", "depends", "[\"b\"]");
		assertThat(this.qless.job("child").get("dependencies")).isEqualTo(json("[\"b\"]"));
		assertThat(this.qless.job("a").get("dependents")).isEqualTo(json("{}"));
		assertThat(this.qless.job("b").get("dependents")).isEqualTo(json("[\"child\"]"));
	}

	@Test
	void dependsIsOnlyAllowedInTheDependsState() {
		this.qless.put(0, "queue", "x");
		running(0, "running");
		running(0, "failed");
		this.qless.fail(0, "failed", "worker", "grp", "msg");
		this.qless.put(0, "queue", "waiting");
		this.qless.putBy(0, "worker", "queue", "scheduled", 10);
		for (String state : new String[] { "waiting", "scheduled", "failed", "running" }) {
			this.qless.assertError("Depends(): Job " + state + " not in the depends state: " + state, "depends", 1,
					state, "on", "x");
		}
		this.qless.assertError("Depends(): Job missing not in the depends state: false", "depends", 1, "missing",
				"on", "x");
	}

	@Test
	void dependsValidation() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "child", "depends", "[\"a\"]");
		this.qless.assertError("Depends(): Arg \"command\" missing", "depends", 1, "child");
		this.qless.assertError("Depends(): Argument \"command\" must be \"on\" or \"off\"", "depends", 1, "child",
				"sideways", "a");
	}

	@Test
	void failingADependencyDoesNotReleaseButCompletingAfterARePutDoes() {
		running(0, "a");
		this.qless.put(0, "queue", "child", "depends", "[\"a\"]");
		this.qless.fail(1, "a", "worker", "grp", "msg");
		assertThat(this.qless.state("child")).isEqualTo("depends");
		this.qless.put(2, "queue", "a", "priority", 100);
		this.qless.popOne(3, "queue", "worker");
		this.qless.complete(4, "a", "worker", "queue");
		assertThat(this.qless.state("child")).isEqualTo("waiting");
	}

	@Test
	void cyclesAreNotDetected() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b", "depends", "[\"a\"]");
		this.qless.put(1, "queue", "a", "depends", "[\"b\"]");
		assertThat(this.qless.state("a")).isEqualTo("depends");
		assertThat(this.qless.state("b")).isEqualTo("depends");
	}

}
