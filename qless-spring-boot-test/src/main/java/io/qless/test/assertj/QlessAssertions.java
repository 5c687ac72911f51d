package io.qless.test.assertj;

import io.qless.core.Job;
import org.jspecify.annotations.Nullable;

/**
 * Entry point for AssertJ assertions on qless jobs.
 *
 * <pre class="code">
 * import static io.qless.test.assertj.QlessAssertions.assertThat;
 *
 * assertThat(qless.jobs().get(jid)).isComplete().hasHistoryEntries("put", "popped", "done");
 * </pre>
 */
public final class QlessAssertions {

	private QlessAssertions() {
	}

	/**
	 * Start assertions on a job, as {@code qless.jobs().get(jid)} returns it.
	 * @param job the job, {@code null} if it does not exist
	 * @return the assertions
	 */
	public static JobAssert assertThat(@Nullable Job job) {
		return new JobAssert(job);
	}

}
