package io.qless.scripts;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code jobs}. */
class JobsTests extends ScriptTestSupport {

	@Test
	void validation() {
		this.qless.assertError("Jobs(): Arg \"state\" missing", "jobs", 0);
		this.qless.assertError("Jobs(): Arg \"offset\" not a number: x", "jobs", 0, "complete", "x");
		this.qless.assertError("Jobs(): Arg \"count\" not a number: x", "jobs", 0, "complete", 0, "x");
		this.qless.assertError("Jobs(): Arg \"queue\" missing", "jobs", 0, "running");
		this.qless.assertError("Jobs(): Arg \"offset\" not a number: x", "jobs", 0, "running", "queue", "x");
		this.qless.assertError("Jobs(): Arg \"count\" not a number: x", "jobs", 0, "running", "queue", 0, "x");
		this.qless.assertError("Jobs(): Unknown type \"foo\"", "jobs", 0, "foo", "queue");
	}

	@Test
	void emptyResultsArePlainEmptyArrays() {
		for (String state : new String[] { "running", "stalled", "scheduled", "depends", "recurring" }) {
			assertThat(this.qless.call("jobs", 0, state, "queue")).as(state).isEqualTo(List.of());
		}
		assertThat(this.qless.call("jobs", 0, "complete")).isEqualTo(List.of());
	}

	@Test
	void completeListsTheNewestFirstWithPagination() {
		for (int i = 0; i < 10; i++) {
			this.qless.put(i, "queue", "jid" + i);
			this.qless.popOne(i, "queue", "worker");
			this.qless.complete(i, "jid" + i, "worker", "queue");
		}
		assertThat(this.qless.call("jobs", 10, "complete", 0, 3)).isEqualTo(List.of("jid9", "jid8", "jid7"));
		assertThat(this.qless.call("jobs", 10, "complete", 8, 5)).isEqualTo(List.of("jid1", "jid0"));
		assertThat((List<?>) this.qless.call("jobs", 10, "complete")).hasSize(10);
	}

	@Test
	void completeWithCountMinusOneDropsTheLastMember() {
		for (int i = 0; i < 4; i++) {
			this.qless.put(i, "queue", "jid" + i);
			this.qless.popOne(i, "queue", "worker");
			this.qless.complete(i, "jid" + i, "worker", "queue");
		}
		assertThat(this.qless.call("jobs", 10, "complete", 0, -1)).isEqualTo(List.of("jid3", "jid2", "jid1"));
	}

	@Test
	void runningListsByExpiryWithPaginationAndMinusOneMeansAll() {
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			this.qless.put(i, "queue", "jid" + i);
			this.qless.popOne(i, "queue", "worker");
			expected.add("jid" + i);
		}
		assertThat(this.qless.call("jobs", 10, "running", "queue")).isEqualTo(expected);
		assertThat(this.qless.call("jobs", 10, "running", "queue", 2, 3)).isEqualTo(List.of("jid2", "jid3", "jid4"));
		assertThat(this.qless.call("jobs", 10, "running", "queue", 0, -1)).isEqualTo(expected);
		assertThat(this.qless.call("jobs", 65, "running", "queue")).isEqualTo(expected.subList(5, 10));
	}

	@Test
	void stalledListsExpiredLocks() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(0, "queue", "worker");
		assertThat(this.qless.call("jobs", 59, "stalled", "queue")).isEqualTo(List.of());
		assertThat(this.qless.call("jobs", 61, "stalled", "queue")).isEqualTo(List.of("jid"));
		assertThat(this.qless.call("jobs", 61, "running", "queue")).isEqualTo(List.of());
	}

	@Test
	void scheduledListsBySoonestAndSkipsDueJobs() {
		this.qless.putBy(0, "worker", "queue", "late", 20);
		this.qless.putBy(0, "worker", "queue", "soon", 10);
		assertThat(this.qless.call("jobs", 5, "scheduled", "queue")).isEqualTo(List.of("soon", "late"));
		assertThat(this.qless.call("jobs", 15, "scheduled", "queue")).isEqualTo(List.of("late"));
		assertThat(this.qless.state("soon")).isEqualTo("waiting");
	}

	@Test
	void dependsListsInTheOrderJobsEntered() {
		this.qless.put(0, "queue", "a");
		this.qless.put(1, "queue", "y", "depends", "[\"a\"]");
		this.qless.put(2, "queue", "x", "depends", "[\"a\"]");
		assertThat(this.qless.call("jobs", 3, "depends", "queue")).isEqualTo(List.of("y", "x"));
	}

	@Test
	void recurringIncludesFutureTemplates() {
		this.qless.call("recur", 0, "queue", "now", "klass", "{}", "interval", 60, 0);
		this.qless.call("recur", 0, "queue", "later", "klass", "{}", "interval", 60, 10);
		assertThat(this.qless.call("jobs", 0, "recurring", "queue")).isEqualTo(List.of("now", "later"));
	}

	@Test
	void negativeCountMeansAllInTheLimitForms() {
		this.qless.config("heartbeat", -10);
		for (int i = 0; i < 3; i++) {
			this.qless.put(i, "queue", "jid" + i);
		}
		assertThat(this.qless.pop(3, "queue", "worker", 3).size()).isEqualTo(3);
		assertThat(this.qless.call("jobs", 5, "stalled", "queue", 0, -1)).isEqualTo(List.of("jid0", "jid1", "jid2"));
		assertThat(this.qless.call("jobs", 5, "stalled", "queue", 1, 1)).isEqualTo(List.of("jid1"));
		for (int i = 0; i < 3; i++) {
			this.qless.call("recur", 0, "queue", "r" + i, "klass", "{}", "interval", 60, 100 + i);
		}
		assertThat(this.qless.call("jobs", 5, "recurring", "queue", 0, -1)).isEqualTo(List.of("r0", "r1", "r2"));
		assertThat(this.qless.call("jobs", 5, "recurring", "queue", 1, 1)).isEqualTo(List.of("r1"));
	}

	@Test
	void countMinusOneDropsTheLastMemberInTheIndexForms() {
		this.qless.put(0, "queue", "a");
		for (int i = 0; i < 3; i++) {
			this.qless.putBy(i, "worker", "queue", "s" + i, 100);
			this.qless.put(i, "queue", "d" + i, "depends", "[\"a\"]");
		}
		assertThat(this.qless.call("jobs", 5, "scheduled", "queue", 0, -1)).isEqualTo(List.of("s0", "s1"));
		assertThat(this.qless.call("jobs", 5, "depends", "queue", 0, -1)).isEqualTo(List.of("d0", "d1"));
		assertThat(this.qless.call("jobs", 5, "depends", "queue", 1, 1)).isEqualTo(List.of("d1"));
	}

}
