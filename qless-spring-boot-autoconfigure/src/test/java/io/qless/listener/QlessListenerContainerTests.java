package io.qless.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import io.qless.core.BatchResult;
import io.qless.core.HistoryEntry;
import io.qless.core.Job;
import io.qless.core.JobState;
import io.qless.core.PutRequest;
import io.qless.core.QlessTemplate;
import io.qless.handler.NoHandlerException;
import io.qless.handler.PayloadConversionException;
import io.qless.listener.GnomeHandlers.Underpants;
import io.qless.test.QlessRedisTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

@QlessRedisTest
@ExtendWith(OutputCaptureExtension.class)
class QlessListenerContainerTests {

	private static final String KLASS = "gnomes.GnomesJob";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private AnnotationConfigApplicationContext context;

	private QlessTemplate qless;

	private GnomeHandlers handlers;

	@BeforeEach
	void start() {
		this.context = new AnnotationConfigApplicationContext();
		this.context.register(ListenerTestConfiguration.class, GnomeHandlers.class);
		this.context.refresh();
		this.qless = this.context.getBean(QlessTemplate.class);
		this.handlers = this.context.getBean(GnomeHandlers.class);
	}

	@AfterEach
	void stop() {
		this.handlers.release.countDown();
		this.context.close();
	}

	@Test
	void typedPayloadArrivesAndThePipelineEndsComplete() throws Exception {
		Underpants order = new Underpants("123 Brief St.", List.of("S", "XL"));
		String jid = this.qless.queue("underpants").put(KLASS, order);

		Job job = awaitState(jid, JobState.COMPLETE);

		assertThat(this.handlers.orders.poll()).isEqualTo(order);
		assertThat(List.of(this.handlers.seen.poll(), this.handlers.seen.poll(), this.handlers.seen.poll()))
			.containsExactly("underpants:" + jid, "unknown:" + jid, "profit:" + jid);
		assertThat(job.history().stream().map(QlessListenerContainerTests::describe)).containsExactly("put:underpants",
				"popped:" + ListenerTestConfiguration.WORKER, "done", "put:unknown",
				"popped:" + ListenerTestConfiguration.WORKER, "done", "put:profit",
				"popped:" + ListenerTestConfiguration.WORKER, "done");
	}

	@Test
	void jobPutWithoutTheTemplateRunsToo() throws Exception {
		String jid = this.qless.queue("profit")
			.put(PutRequest.of(KLASS, java.util.Map.of("address", "1 Raw St.", "unknown", true)).jid("raw-1"));
		awaitState(jid, JobState.COMPLETE);
		assertThat(this.handlers.seen.poll()).isEqualTo("profit:raw-1");
	}

	@Test
	void exceptionIsRetriedAfterTheBackOffThenFailsWithItsGroupAndMessage(CapturedOutput output) throws Exception {
		String jid = this.qless.queue("flaky").put(PutRequest.of(KLASS, order()).retries(1));

		Job failed = awaitState(jid, JobState.FAILED);

		long first = this.handlers.attempts.poll();
		long second = this.handlers.attempts.poll();
		assertThat(Duration.ofNanos(second - first)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(failed.failure().group()).isEqualTo(IllegalStateException.class.getName());
		assertThat(failed.failure().message()).startsWith("java.lang.IllegalStateException: gnomes are out of underpants")
			.contains("\tat io.qless.listener.GnomeHandlers.flaky");
		assertThat(failed.failure().worker()).isEqualTo(ListenerTestConfiguration.WORKER);
		// The last attempt fails the job (as Ruby and Python workers do), with no retry left.
		assertThat(failed.remaining()).isEqualTo(0);
		assertThat(failed.history()).last().satisfies((entry) -> {
			assertThat(entry.what()).isEqualTo("failed");
			assertThat(entry.group()).isEqualTo(IllegalStateException.class.getName());
		});
		assertThat(this.qless.failures().groups()).containsEntry(IllegalStateException.class.getName(), 1L);
		String job = "qless: job " + jid + " (" + KLASS + ") in queue 'flaky': ";
		assertThat(output.getOut()).contains("INFO", job + "attempt 1 of 2 failed (java.lang.IllegalStateException: "
				+ "gnomes are out of underpants); retrying in 300 ms")
			.contains("WARN", job + "attempt 2 of 2 failed (java.lang.IllegalStateException: gnomes are out of "
					+ "underpants); failed with group 'java.lang.IllegalStateException'");
	}

	@Test
	void nonRetryableExceptionFailsAtOnce() throws Exception {
		String jid = this.qless.queue("bad").put(PutRequest.of(KLASS, order()).retries(5));

		Job failed = awaitState(jid, JobState.FAILED);

		assertThat(failed.failure().group()).isEqualTo(IllegalArgumentException.class.getName());
		assertThat(failed.failure().message()).contains("no address for 123 Brief St.");
		assertThat(failed.remaining()).isEqualTo(5);
	}

	@Test
	void malformedPayloadFailsAtOnce() throws Exception {
		String jid = this.qless.queue("profit").put(PutRequest.of(KLASS, java.util.Map.of("sizes", "not a list")));

		Job failed = awaitState(jid, JobState.FAILED);

		assertThat(failed.failure().group()).isEqualTo(PayloadConversionException.class.getName());
		assertThat(failed.failure().message()).contains(jid);
	}

	@Test
	void unknownKlassFailsClearly() throws Exception {
		String jid = this.qless.queue("profit").put("ruby.OnlyJob", order());

		Job failed = awaitState(jid, JobState.FAILED);

		assertThat(failed.failure().group()).isEqualTo(NoHandlerException.class.getName());
		assertThat(failed.failure().message()).contains("ruby.OnlyJob").contains("profit").contains(KLASS);
	}

	@Test
	void handlerMaySettleItsJobItselfAndTheContainerLeavesItAlone() throws Exception {
		String failed = this.qless.queue("explicit-fail").put(KLASS, order());
		String advanced = this.qless.queue("explicit-next").put(KLASS, order());
		String retried = this.qless.queue("explicit-retry").put(PutRequest.of(KLASS, order()).retries(2));

		Job failedJob = awaitState(failed, JobState.FAILED);
		assertThat(failedJob.failure().group()).isEqualTo("gnome-rules");
		assertThat(failedJob.failure().message()).isEqualTo("no underpants on Sundays");
		Job advancedJob = awaitState(advanced, JobState.COMPLETE);
		assertThat(advancedJob.history().stream().map(QlessListenerContainerTests::describe)).containsExactly(
				"put:explicit-next", "popped:" + ListenerTestConfiguration.WORKER, "done", "put:profit",
				"popped:" + ListenerTestConfiguration.WORKER, "done");
		awaitState(retried, JobState.COMPLETE);
		assertThat(this.handlers.seen).contains("explicit-retry:2", "explicit-retry:1");
	}

	@Test
	void handlerLogsToTheHistoryAndRecordsProgressInTheData() throws Exception {
		String jid = this.qless.queue("reporting").put(KLASS, new Underpants("1 Log Ln.", List.of("S", "M")));

		Job job = awaitState(jid, JobState.COMPLETE);

		assertThat(job.history()).extracting(HistoryEntry::what).containsSubsequence("popped", "counted underpants",
				"done");
		assertThat(job.history()).filteredOn((entry) -> entry.what().equals("counted underpants"))
			.singleElement()
			.satisfies((entry) -> assertThat(entry.details()).containsEntry("sizes", 2));
		assertThat(job.data()).contains("\"address\":\"1 Log Ln.\"").contains("\"progress\":{");
		assertThat(this.qless.readData(job, java.util.Map.class)).containsEntry("progress",
				java.util.Map.of("done", 1, "of", 1));
	}

	@Test
	void concurrencyRunsThatManyHandlersAtOnce() throws Exception {
		this.handlers.barrier = new CyclicBarrier(4);
		List<String> jids = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			jids.add(this.qless.queue("parallel").put(KLASS, order()));
		}
		for (String jid : jids) {
			awaitState(jid, JobState.COMPLETE);
		}
		assertThat(this.handlers.maxRunning.get()).isEqualTo(4);
	}

	@Test
	void lockLostMidHandlerInterruptsItAndTheJobIsNotCompletedByUs() throws Exception {
		String jid = this.qless.queue("slow").put(KLASS, order());
		assertThat(this.handlers.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

		this.qless.jobs().timeout(jid);

		assertThat(this.handlers.interrupted.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(jid);
		Job job = this.qless.jobs().get(jid);
		assertThat(job.state()).isIn(JobState.STALLED, JobState.RUNNING);
		assertThat(job.history().stream().map(HistoryEntry::what)).doesNotContain("done", "failed");
	}

	@Test
	void slowJobsAreNotPoppedAheadOfFreeHandlerThreads() throws Exception {
		List<String> jids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			jids.add(this.qless.queue("slow").put(KLASS, order()));
		}
		assertThat(this.handlers.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

		assertThat(this.qless.queue("slow").counts().running()).isEqualTo(1);
		assertThat(this.qless.queue("slow").counts().waiting()).isEqualTo(2);

		this.handlers.release.countDown();
		for (String jid : jids) {
			awaitState(jid, JobState.COMPLETE);
		}
	}

	@Test
	void jobsPoppedWithOneWhoseHandlerBlocksRunOnTheFreeThreads() throws Exception {
		// hundreds of jobs first: the container learns that this queue's handlers take microseconds
		List<PutRequest> fast = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			fast.add(PutRequest.of(KLASS, order()));
		}
		for (BatchResult<String> put : this.qless.queue("mixed").putAll(fast)) {
			awaitState(put.getRequired(), JobState.COMPLETE);
		}
		// one call, the blocking job first in the queue: popped together
		List<PutRequest> batch = new ArrayList<>();
		batch.add(PutRequest.of(KLASS, new Underpants("stuck", List.of("S"))).priority(10));
		for (int i = 0; i < 10; i++) {
			batch.add(PutRequest.of(KLASS, order()));
		}
		List<BatchResult<String>> puts = this.qless.queue("mixed").putAll(batch);
		assertThat(this.handlers.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

		for (BatchResult<String> put : puts.subList(1, puts.size())) {
			awaitState(put.getRequired(), JobState.COMPLETE);
		}
		String stuck = puts.get(0).getRequired();
		assertThat(this.qless.jobs().get(stuck).state()).as("still blocked").isEqualTo(JobState.RUNNING);
		this.handlers.release.countDown();
		awaitState(stuck, JobState.COMPLETE);
	}

	@Test
	void stopWaitsForRunningHandlersAndCompletesTheirJobs() throws Exception {
		String jid = this.qless.queue("slow").put(KLASS, order());
		assertThat(this.handlers.started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		QlessListenerEndpointRegistry registry = this.context.getBean(QlessListenerEndpointRegistry.class);
		CountDownLatch stopped = new CountDownLatch(1);
		Thread stopper = new Thread(() -> {
			registry.stop();
			stopped.countDown();
		});
		stopper.start();

		assertThat(stopped.await(300, TimeUnit.MILLISECONDS)).as("stop returned while a handler ran").isFalse();
		this.handlers.release.countDown();
		assertThat(stopped.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

		assertThat(this.qless.jobs().get(jid).state()).isEqualTo(JobState.COMPLETE);
		assertThat(this.qless.workers().list()).extracting("name").doesNotContain(ListenerTestConfiguration.WORKER);
	}

	@Test
	void jobOfADeadWorkerIsReclaimedAfterItsLeaseAndCompletedOnce() throws Exception {
		this.qless.config().set("reclaim-heartbeat", 1);
		this.qless.config().set("grace-period", 0);
		QlessListenerContainer container = this.context.getBean(QlessListenerEndpointRegistry.class)
			.getContainer("reclaim");
		CountDownLatch stopped = new CountDownLatch(1);
		container.stop(stopped::countDown);
		assertThat(stopped.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		String jid = this.qless.queue("reclaim").put(KLASS, order());
		assertThat(this.qless.queue("reclaim").pop("crashed-worker", 1)).extracting(Job::jid).containsExactly(jid);

		container.start();
		Job job = awaitState(jid, JobState.COMPLETE);

		assertThat(this.handlers.seen.poll()).isEqualTo("reclaim:" + jid);
		assertThat(this.handlers.seen.poll()).isNull();
		assertThat(job.history().stream().map(QlessListenerContainerTests::describe)).containsExactly("put:reclaim",
				"popped:crashed-worker", "timed-out", "popped:" + ListenerTestConfiguration.WORKER, "done");
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

	private static Underpants order() {
		return new Underpants("123 Brief St.", List.of("M"));
	}

	private static String describe(HistoryEntry entry) {
		@Nullable Object detail = entry.details().containsKey("q") ? entry.details().get("q")
				: entry.details().get("worker");
		return (detail != null) ? entry.what() + ":" + detail : entry.what();
	}

}
