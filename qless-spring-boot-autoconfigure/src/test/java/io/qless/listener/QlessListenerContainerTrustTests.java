package io.qless.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

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
		this.handlers.release.countDown();
		this.handlers.releaseTwice.countDown();
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
	void aLockLostEventForTheRunThatHoldsTheLockDoesNotStopIt(CapturedOutput output) throws Exception {
		// As when qless hands a job whose lease ran out to this same worker again: the
		// lock_lost event about the old lease can arrive after the new run has started.
		String jid = this.qless.queue("held").put(TrustHandlers.KLASS, new Underpants("a", List.of()));
		assertThat(this.handlers.holding.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		redis((connection) -> connection.publish(bytes("ql:w:test-worker"),
				bytes("{\"jid\":\"" + jid + "\",\"event\":\"lock_lost\",\"worker\":\"test-worker\"}")));
		Thread.sleep(500);
		this.handlers.release.countDown();
		awaitState(jid, JobState.COMPLETE);
		assertThat(this.handlers.interrupted).isEmpty();
		assertThat(output.getOut()).doesNotContain("lost the lock of job " + jid);
	}

	@Test
	void aLockLostEventForAJobHandedToAnotherWorkerStopsItsRun(CapturedOutput output) throws Exception {
		String jid = this.qless.queue("held").put(TrustHandlers.KLASS, new Underpants("a", List.of()));
		assertThat(this.handlers.holding.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		// Another worker holds the job now (as after a lease ran out), and says so.
		redis((connection) -> connection.hashCommands()
			.hSet(bytes("ql:j:" + jid), bytes("worker"), bytes("other-worker")));
		redis((connection) -> connection.publish(bytes("ql:w:test-worker"),
				bytes("{\"jid\":\"" + jid + "\",\"event\":\"lock_lost\",\"worker\":\"test-worker\"}")));
		assertThat(this.handlers.interrupted.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(jid);
		// The handler is interrupted just before the warning is written.
		long deadline = System.nanoTime() + WAIT.toNanos();
		while (!output.getOut().contains("lost the lock of job " + jid) && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(output.getOut()).contains("lost the lock of job " + jid);
		assertThat(this.qless.jobs().get(jid).state()).isEqualTo(JobState.RUNNING);
	}

	@Test
	void aJobHandedOutAgainWhileItRunsHereRunsOnceAtATime() throws Exception {
		String jid = this.qless.queue("twice").put(TrustHandlers.KLASS, new Underpants("a", List.of()));
		assertThat(this.handlers.twiceFirst.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		// qless takes the lease back and hands the job out again, here, where a slot is free.
		this.qless.jobs().timeout(jid);
		assertThat(this.handlers.twiceSecond.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		assertThat(this.handlers.twiceInterrupted.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
		this.handlers.releaseTwice.countDown();
		Job done = awaitState(jid, JobState.COMPLETE);
		assertThat(done.history().stream().map(HistoryEntry::what)).containsSubsequence("popped", "timed-out",
				"popped", "done");
		assertThat(this.handlers.seen).contains("twice:" + jid + ":2").doesNotContain("twice:" + jid + ":1");
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
		// Concurrency 1: a handler sees its own lock, and at most the lock of the job before,
		// whose outcome may still be on its way to qless; never jobs waiting here for a thread.
		assertThat(this.handlers.locksSeen).hasSize(40).allSatisfy((locks) -> assertThat(locks).isBetween(1, 2));
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

	private void redis(Consumer<RedisConnection> command) {
		try (RedisConnection connection = this.context.getBean(RedisConnectionFactory.class).getConnection()) {
			command.accept(connection);
		}
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
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
