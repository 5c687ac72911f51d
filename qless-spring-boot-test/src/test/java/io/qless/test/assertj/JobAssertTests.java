package io.qless.test.assertj;

import java.util.List;
import java.util.Map;

import io.qless.core.HistoryEntry;
import io.qless.core.Job;
import io.qless.core.JobFailure;
import io.qless.core.JobState;
import org.junit.jupiter.api.Test;

import static io.qless.test.assertj.QlessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JobAssertTests {

	private static final List<HistoryEntry> ADVANCED = List.of(entry("put", "q", "a"), entry("popped", "worker", "w"),
			entry("done", null, null), entry("put", "q", "b"), entry("popped", "worker", "w"), entry("done", null, null));

	@Test
	void completeJob() {
		Job job = job(JobState.COMPLETE, "", ADVANCED, null);
		assertThat(job).isComplete()
			.hasKlass("k")
			.wasPutInto("a", "b")
			.wasPopped(2)
			.hasHistoryEntries("put", "popped", "done", "put", "popped", "done")
			.hasHistoryEntriesInOrder("put", "done", "done")
			.hasTags("t")
			.hasRetriesLeft(5);
	}

	@Test
	void failedJob() {
		Job job = job(JobState.FAILED, "a", List.of(entry("put", "q", "a"), entry("failed", "group", "g")),
				new JobFailure(IllegalStateException.class.getName(), "java.lang.IllegalStateException: no ink\n\tat x",
						1.0, "w"));
		assertThat(job).isFailed()
			.isInQueue("a")
			.hasFailureGroup(IllegalStateException.class)
			.hasFailureMessageContaining("no ink");
	}

	@Test
	void failuresSayWhatWasFound() {
		Job job = job(JobState.FAILED, "a", List.of(entry("put", "q", "a")),
				new JobFailure("bad-things", "it broke", 1.0, "w"));
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(job).isComplete())
			.withMessageContaining("Expected job j1 to be complete but was failed (failure [bad-things] it broke)");
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertThat(job).hasHistoryEntries("put", "popped"))
			.withMessageContaining("Expected the history of job j1 to be [put, popped] but was [put]");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(job).hasFailureGroup("other"))
			.withMessageContaining("the group was 'bad-things'");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat((Job) null).isComplete());
		Job waiting = job(JobState.WAITING, "a", List.of(entry("put", "q", "a")), null);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> assertThat(waiting).hasFailureGroup("x"))
			.withMessageContaining("has none (state waiting)");
	}

	private static Job job(JobState state, String queue, List<HistoryEntry> history, JobFailure failure) {
		return new Job("j1", "k", state, queue, "w", false, 0, 0, 5, 5, "{}", List.of("t"), history, failure, null,
				List.of(), List.of(), List.of());
	}

	private static HistoryEntry entry(String what, String key, String value) {
		return new HistoryEntry(1, what, (key != null) ? Map.of(key, value) : Map.of());
	}

}
