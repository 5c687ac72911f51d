package io.qless.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.qless.core.HistoryEntry;
import io.qless.core.Job;
import io.qless.core.JobState;
import io.qless.core.PutRequest;
import io.qless.core.QlessTemplate;
import io.qless.handler.PayloadConversionException;
import io.qless.listener.GnomeHandlers.Underpants;
import io.qless.test.QlessRedisTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the container promises when handlers misbehave: a handler that hangs is given up
 * at its timeout without holding its slot, a job holding throttle locks never waits
 * locally, data that cannot become the parameter fails at once, and the logs say what
 * happened.
 */
@QlessRedisTest
@ExtendWith(OutputCaptureExtension.class)
class QlessListenerContainerTrustTests {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private AnnotationConfigApplicationContext context;

	private QlessTemplate qless;

	private TrustHandlers handlers;

	private final BlockingQueue<String> outcomes = new LinkedBlockingQueue<>();

	@BeforeEach
	void start() {
		this.context = new AnnotationConfigApplicationContext();
		this.context.registerBean(JobObserver.class, () -> new JobObserver() {
			@Override
			public void jobFinished(String queue, String klass, String outcome, Duration handlerTime) {
				QlessListenerContainerTrustTests.this.outcomes.add(queue + ":" + outcome);
			}
		});
		this.context.register(ListenerTestConfiguration.class, TrustHandlers.class);
		this.context.refresh();
		this.qless = this.context.getBean(QlessTemplate.class);
		this.handlers = this.context.getBean(TrustHandlers.class);
	}

	@AfterEach
	void stop() {
		this.handlers.unhang.countDown();
		this.context.close();
	}

	@Test
	void hungHandlerIsGivenUpAtItsTimeoutAndTheQueueGoesOn(CapturedOutput output) throws Exception {
		this.qless.config().set("heartbeat", 2);
		this.qless.config().set("grace-period", 0);
		String hung = this.qless.queue("hung").put(TrustHandlers.KLASS, new Underpants("hang", List.of()));
		assertThat(this.handlers.hanging.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

		// concurrency 1: the next job runs on a replacement thread while the first handler hangs
		String next = this.qless.queue("hung").put(TrustHandlers.KLASS, new Underpants("ok", List.of()));
		awaitState(next, JobState.COMPLETE);
		assertThat(this.outcomes.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("hung:timed_out");
		assertThat(output.getOut()).contains("handler of job " + hung).contains("ran longer than its timeout PT0.5S");

		// no longer heartbeated: qless hands the job out again once its lease ends, and it runs
		Job done = awaitState(hung, JobState.COMPLETE);
		assertThat(done.history().stream().map(HistoryEntry::what)).containsSubsequence("popped", "timed-out",
				"popped", "done");
		assertThat(this.handlers.seen).contains("hung:" + next, "hung:" + hung);
	}

	@Test
	void jobsHoldingThrottleLocksNeverWaitLocallyForAHandler() throws Exception {
		this.qless.throttles().set("gate", 5);
		List<String> jids = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			jids.add(this.qless.queue("gated").put(TrustHandlers.KLASS, new Underpants("a" + i, List.of())));
		}
		for (String jid : jids) {
			awaitState(jid, JobState.COMPLETE);
		}
		// concurrency 1: a handler only ever sees its own lock taken
		assertThat(this.handlers.locksSeen).hasSize(40).containsOnly(1);
	}

	@Test
	void nullDataFailsAtOnceUnlessTheParameterIsNullable(CapturedOutput output) throws Exception {
		String strict = this.qless.queue("strict").put(PutRequest.of(TrustHandlers.KLASS, null).retries(5));
		String lenient = this.qless.queue("lenient").put(TrustHandlers.KLASS, null);

		Job failed = awaitState(strict, JobState.FAILED);
		assertThat(failed.failure().group()).isEqualTo(PayloadConversionException.class.getName());
		assertThat(failed.failure().message()).contains("null data").contains("not @Nullable");
		assertThat(failed.remaining()).as("no retry used").isEqualTo(5);
		awaitState(lenient, JobState.COMPLETE);
		assertThat(this.handlers.seen).contains("lenient:" + lenient + ":null");
		assertThat(output.getOut()).contains("job " + strict + " (" + TrustHandlers.KLASS
				+ ") in queue 'strict': attempt 1 of 6 failed");
	}

	private Job awaitState(String jid, JobState state) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		Job job = null;
		while (System.nanoTime() < deadline) {
			job = this.qless.jobs().get(jid);
			if (job != null && job.state() == state) {
				return job;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("Job " + jid + " did not reach " + state + " within " + WAIT + ": " + job);
	}

}
