package io.qless.test.autoconfigure.slice;

import java.time.Duration;
import java.util.Map;

import io.qless.core.PutRequest;
import io.qless.core.QlessOperations;
import io.qless.test.autoconfigure.QlessTest;
import io.qless.test.jobs.InlineJobException;
import io.qless.test.jobs.InlineQlessOperations;
import io.qless.test.jobs.QlessTestJobs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;

import static io.qless.test.assertj.QlessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@QlessTest(inline = true,
		includeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = MailService.class))
class InlineModeTests {

	@Autowired
	private MailService mailService;

	@Autowired
	private QlessOperations qless;

	@Autowired
	private QlessTestJobs jobs;

	@Autowired
	private MailJob mailJob;

	@BeforeEach
	void forget() {
		this.mailJob.sent.clear();
		this.mailJob.threads.clear();
	}

	@Test
	void putRunsTheHandlerOnTheCallingThreadBeforeItReturns() {
		String jid = this.mailService.welcome("new@example.org");

		assertThat(this.mailJob.sent).containsExactly("new@example.org");
		assertThat(this.mailJob.threads).containsExactly(Thread.currentThread());
		assertThat(this.qless.jobs().get(jid)).isComplete().hasHistoryEntries("put", "popped", "done");
		assertThat(this.qless).isInstanceOf(InlineQlessOperations.class);
	}

	@Test
	void putWaitsForTheNextStepsAndTheJobsItsHandlersPut() {
		String jid = this.qless.queue("first").put(PipelineJob.KLASS, Map.of());

		assertThat(this.qless.jobs().get(jid)).isComplete().wasPutInto("first", "second");
		assertThat(this.mailJob.sent).containsExactly("done@example.org");
		assertThat(this.mailJob.threads).containsExactly(Thread.currentThread());
	}

	@Test
	void putThrowsWhatTheHandlerThrewAfterQlessRecordedIt() {
		assertThatExceptionOfType(InlineJobException.class).isThrownBy(() -> this.mailService.welcome(" "))
			.withCauseInstanceOf(IllegalArgumentException.class)
			.satisfies((ex) -> assertThat(this.qless.jobs().get(ex.getJid())).as("retried after a back-off")
				.isScheduled()
				.hasRetriesLeft(4));
	}

	@Test
	void delayedJobRunsOnceTheClockIsAdvanced() {
		String jid = this.qless.queue("mail")
			.put(PutRequest.of(MailJob.KLASS, new Mail("later@example.org")).delay(Duration.ofMinutes(10)));
		assertThat(this.qless.jobs().get(jid)).isScheduled();
		assertThat(this.mailJob.sent).isEmpty();

		this.jobs.clock().advance(Duration.ofMinutes(10));
		this.jobs.awaitCompleted(jid);

		assertThat(this.mailJob.sent).containsExactly("later@example.org");
		assertThat(this.mailJob.threads).containsExactly(Thread.currentThread());
	}

	@Test
	void uniqueKeysHoldAsWithoutTheInlineMode() {
		PutRequest request = PutRequest.of(MailJob.KLASS, new Mail("once@example.org")).unique("mail-once");
		String scheduled = this.qless.queue("mail").put(request.delay(Duration.ofMinutes(10)));

		assertThat(this.qless.queue("mail").put(request)).as("a duplicate").isEqualTo(scheduled);
		assertThat(this.mailJob.sent).isEmpty();

		this.jobs.clock().advance(Duration.ofMinutes(10));
		this.jobs.awaitCompleted(scheduled);
		String next = this.qless.queue("mail").put(request);
		assertThat(next).isNotEqualTo(scheduled);
		assertThat(this.qless.jobs().get(next)).isComplete();
		assertThat(this.mailJob.sent).containsExactly("once@example.org", "once@example.org");
	}

}
