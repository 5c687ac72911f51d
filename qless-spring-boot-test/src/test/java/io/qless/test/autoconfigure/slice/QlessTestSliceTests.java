package io.qless.test.autoconfigure.slice;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.qless.core.Job;
import io.qless.core.JobState;
import io.qless.core.PutRequest;
import io.qless.core.QlessOperations;
import io.qless.core.QueueJobState;
import io.qless.core.RecurRequest;
import io.qless.test.autoconfigure.QlessTest;
import io.qless.test.jobs.DrainResult;
import io.qless.test.jobs.FailedJob;
import io.qless.test.jobs.QlessTestClock;
import io.qless.test.jobs.QlessTestJobs;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static io.qless.test.assertj.QlessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@QlessTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QlessTestSliceTests {

	@Autowired
	private ApplicationContext context;

	@Autowired
	private QlessOperations qless;

	@Autowired
	private QlessTestJobs jobs;

	@Autowired
	private QlessTestClock clock;

	@Autowired
	private MailJob mailJob;

	@Test
	@Order(1)
	void startsTheHandlersAndNotTheOtherComponents() {
		assertThat(this.context.getBeansOfType(MailJob.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(PipelineJob.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(MailService.class)).isEmpty();
		assertThat(this.context.getBean("qlessClock")).isSameAs(this.clock);
	}

	@Test
	@Order(2)
	void delayedJobRunsWhenTheClockIsAdvanced() {
		String jid = this.qless.queue("mail")
			.put(PutRequest.of(MailJob.KLASS, new Mail("later@example.org")).delay(Duration.ofHours(1)));
		assertThat(this.qless.jobs().get(jid)).isScheduled();

		Instant put = this.clock.instant();
		this.clock.advance(Duration.ofHours(1));
		Job job = this.jobs.awaitCompleted(jid);

		assertThat(job).isComplete().hasHistoryEntries("put", "popped", "done");
		assertThat(job.history().get(0).instant()).isEqualTo(put.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
		assertThat(job.history().get(2).instant()).isAfterOrEqualTo(put.plus(Duration.ofHours(1)));
		assertThat(this.mailJob.sent).contains("later@example.org");
	}

	@Test
	@Order(3)
	void leavesAJobInAQueueNoHandlerServes() {
		this.qless.queue("nobody").put(PutRequest.of(MailJob.KLASS, new Mail("x@example.org")));
		assertThat(this.qless.queue("nobody").length()).isOne();
	}

	@Test
	@Order(4)
	void eachTestStartsWithAnEmptyDatabaseAndTheClockAtItsStart() {
		assertThat(this.qless.queue("nobody").length()).isZero();
		assertThat(this.clock.instant()).isEqualTo(this.clock.start());
	}

	@Test
	@Order(5)
	void drainFollowsJobsThroughTheirNextQueues() {
		String jid = this.qless.queue("first").put(PipelineJob.KLASS, Map.of("n", 1));

		DrainResult result = this.jobs.drain("first", "second", "mail");

		assertThat(result.completed()).contains(jid).hasSize(2);
		assertThat(result.failed()).isEmpty();
		assertThat(this.qless.jobs().get(jid)).isComplete()
			.wasPutInto("first", "second")
			.hasHistoryEntries("put", "popped", "done", "put", "popped", "done");
	}

	@Test
	@Order(6)
	void drainFollowsAJobIntoAQueueItWasNotAskedToDrain() {
		String jid = this.qless.queue("first").put(PipelineJob.KLASS, Map.of("n", 1));

		DrainResult result = this.jobs.drain("first");

		assertThat(result.completed()).containsExactly(jid);
		assertThat(this.qless.jobs().get(jid)).isComplete();
	}

	@Test
	@Order(7)
	void drainBringsARetryForwardAndReportsFailures() {
		Instant start = this.clock.instant();
		String flaky = this.qless.queue("flaky").put(PipelineJob.KLASS, Map.of());
		String broken = this.qless.queue("broken").put(PipelineJob.KLASS, Map.of());

		DrainResult result = this.jobs.drain("flaky", "broken");

		assertThat(result.completed()).containsExactly(flaky);
		assertThat(result.failedJids()).containsExactly(broken);
		FailedJob failure = result.failure(broken);
		assertThat(failure.queue()).isEqualTo("broken");
		assertThat(failure.klass()).isEqualTo(PipelineJob.KLASS);
		assertThat(failure.group()).isEqualTo(UnsupportedOperationException.class.getName());
		assertThat(failure.message()).contains("out of ink");
		assertThat(this.clock.instant()).as("moved on by the 10 s back-off").isAfterOrEqualTo(start.plusSeconds(10));
		assertThat(this.qless.jobs().get(flaky)).isComplete().wasPopped(2);
		assertThat(this.qless.jobs().get(broken)).isFailed()
			.hasFailureGroup(UnsupportedOperationException.class)
			.hasFailureMessageContaining("ink");
	}

	@Test
	@Order(8)
	void drainWaitsForJobsThatDependOnTheDrainedOnes() {
		String first = this.qless.queue("first")
			.put(PutRequest.of(PipelineJob.KLASS, Map.of()).delay(Duration.ofMinutes(1)));
		String report = this.qless.queue("reports").put(PutRequest.of(PipelineJob.KLASS, Map.of()).depends(first));
		assertThat(this.qless.jobs().get(report)).isDepending();

		DrainResult result = this.jobs.drain("first");

		assertThat(result.completed()).contains(first, report);
		assertThat(this.qless.jobs().get(report)).isComplete();
	}

	@Test
	@Order(9)
	void drainExplainsWhatIsLeftWhenItCannotFinish() {
		String jid = this.qless.queue("nobody").put(PutRequest.of(MailJob.KLASS, new Mail("x@example.org")));

		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.jobs.drain("nobody"))
			.withMessageContaining("draining [nobody] cannot finish")
			.withMessageContaining("queue 'nobody': 1 waiting")
			.withMessageContaining("job " + jid + " (test.Mail) waiting in queue 'nobody'")
			.withMessageContaining("no running container of this application serves queue 'nobody'");
	}

	@Test
	@Order(10)
	void awaitCompletedFailsForAFailedJob() {
		String jid = this.qless.queue("broken").put(PipelineJob.KLASS, Map.of());

		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.jobs.awaitCompleted(jid))
			.withMessageEndingWith("failed instead of completing: [java.lang.UnsupportedOperationException] "
					+ "java.lang.UnsupportedOperationException: out of ink");
		assertThat(this.qless.queue("broken").jobs(QueueJobState.RUNNING, 0, 10)).isEmpty();
		assertThat(this.qless.jobs().get(jid).state()).isEqualTo(JobState.FAILED);
	}

	@Test
	@Order(11)
	void drainRunsTheRecurringJobsThatAreDueButDoesNotMoveTheClockForThem() {
		this.qless.queue("mail").recur(RecurRequest.of(MailJob.KLASS, new Mail("weekly@example.org"),
				Duration.ofDays(7)).jid("weekly"));
		assertThat(this.jobs.awaitCompleted("weekly-1")).isComplete();

		assertThat(this.jobs.drain("mail").completed()).containsExactly("weekly-1");
		assertThat(this.jobs.drain("mail").completed()).as("reported before").isEmpty();
		assertThat(this.qless.jobs().get("weekly-2")).isNull();

		this.jobs.advance(Duration.ofDays(7));
		assertThat(this.jobs.drain("mail").completed()).containsExactly("weekly-2");
		assertThat(this.clock.instant()).isEqualTo(this.clock.start().plus(Duration.ofDays(7)));
	}

	@Test
	@Order(12)
	void awaitCompletedFailsForAJobThatNeverComes() {
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> this.jobs.awaitCompleted("no-such-job"))
			.withMessageContaining("cannot finish")
			.withMessageContaining("job no-such-job does not exist");
	}

	@Test
	@Order(13)
	void drainTimeoutListsTheRunningJob() {
		PipelineJob.SLOW = new CountDownLatch(1);
		try {
			String jid = this.qless.queue("slow").put(PipelineJob.KLASS, Map.of());

			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> this.jobs.drain(Duration.ofMillis(300), "slow"))
				.withMessageContaining("draining [slow] did not finish within PT0.3S")
				.withMessageContaining("queue 'slow': 1 running")
				.withMessageContaining("job " + jid + " (test.Pipeline) running in queue 'slow' on worker "
						+ this.qless.workerName() + ", lease until ");
		}
		finally {
			PipelineJob.SLOW.countDown();
		}
		assertThat(this.jobs.drain("slow").completed()).hasSize(1);
	}

	@Test
	@Order(14)
	void advanceWakesTheContainersAtOnce() {
		String jid = this.qless.queue("mail")
			.put(PutRequest.of(MailJob.KLASS, new Mail("soon@example.org")).delay(Duration.ofMinutes(5)));

		this.jobs.advance(Duration.ofMinutes(5));

		assertThat(this.jobs.awaitCompleted(jid)).isComplete();
	}

}
