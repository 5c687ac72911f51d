package io.qless.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.qless.core.Job;
import io.qless.core.JobState;
import io.qless.core.PutRequest;
import io.qless.core.QlessTemplate;
import io.qless.listener.GnomeHandlers.Underpants;
import io.qless.test.QlessRedisTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

@QlessRedisTest
class QlessListenerThrottleTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private AnnotationConfigApplicationContext context;

	private QlessTemplate qless;

	private ThrottledHandlers handlers;

	@BeforeEach
	void start() {
		this.context = new AnnotationConfigApplicationContext();
		this.context.register(ListenerTestConfiguration.class, ThrottledHandlers.class);
		this.context.refresh();
		this.qless = this.context.getBean(QlessTemplate.class);
		this.handlers = this.context.getBean(ThrottledHandlers.class);
	}

	@AfterEach
	void stop() {
		this.context.close();
	}

	@Test
	void aThrottleOfTwoRunsAtMostTwoJobsAtOnceAcrossTwoQueues() throws Exception {
		this.qless.throttles().set("gnome-api", 2);
		List<String> jids = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			jids.add(this.qless.queue((i % 2 == 0) ? "throttled-a" : "throttled-b")
				.put(ThrottledHandlers.KLASS, order("1 Main St.")));
		}
		assertThat(this.qless.jobs().get(jids.get(0)).throttles()).containsExactly("all-gnomes", "gnome-api",
				"ql:q:throttled-a");
		assertThat(this.qless.jobs().get(jids.get(1)).throttles()).containsExactly("all-gnomes", "gnome-api",
				"ql:q:throttled-b");

		for (String jid : jids) {
			awaitState(jid, JobState.COMPLETE);
		}

		assertThat(this.handlers.maxRunning.get()).isEqualTo(2);
		assertThat(this.qless.throttles().locks("gnome-api")).isEmpty();
		assertThat(this.qless.throttles().pending("gnome-api")).isEmpty();
		assertThat(this.qless.jobs().get(jids).stream().flatMap((job) -> job.history().stream()))
			.extracting((entry) -> entry.what())
			.contains("throttled");
	}

	@Test
	void aThrottleIdFromThePayloadLimitsEachTenant() throws Exception {
		this.qless.throttles().set("tenant-x", 1);
		List<String> jids = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			jids.add(this.qless.queue("tenants").put(ThrottledHandlers.KLASS, order((i % 2 == 0) ? "x" : "y")));
		}
		assertThat(this.qless.jobs().get(jids.get(0)).throttles()).containsExactly("all-gnomes", "tenant-x",
				"ql:q:tenants");
		assertThat(this.qless.jobs().get(jids.get(1)).throttles()).containsExactly("all-gnomes", "tenant-y",
				"ql:q:tenants");

		for (String jid : jids) {
			awaitState(jid, JobState.COMPLETE);
		}

		assertThat(this.handlers.maxRunningByAddress.get("x").get()).isEqualTo(1);
		assertThat(this.handlers.seen).hasSize(6);
	}

	@Test
	void jobsPutByAnotherClientCarryNoDeclaredThrottles() {
		QlessTemplate other = new QlessTemplate(this.context.getBean(LettuceConnectionFactory.class),
				this.context.getBean(JsonMapper.class));
		this.qless.queue("throttled-a").pause();
		String jid = other.queue("throttled-a").put(ThrottledHandlers.KLASS, order("1 Main St."));
		assertThat(this.qless.jobs().get(jid).throttles()).isEmpty();
		String ours = this.qless.queue("throttled-a").put(ThrottledHandlers.KLASS, order("1 Main St."));
		assertThat(this.qless.jobs().get(ours).throttles()).contains("gnome-api");
		String otherKlass = this.qless.queue("throttled-a").put("ruby.Job", order("1 Main St."));
		assertThat(this.qless.jobs().get(otherKlass).throttles()).isEmpty();
	}

	@Test
	void retriedAndFailedJobsReleaseTheirLocks() throws Exception {
		this.qless.throttles().set("gnome-api", 1);
		List<String> jids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			jids.add(this.qless.queue("throttled-flaky")
				.put(PutRequest.of(ThrottledHandlers.KLASS, order("1 Main St.")).retries(1)));
		}
		for (String jid : jids) {
			awaitState(jid, JobState.FAILED);
		}
		assertThat(this.handlers.maxRunning.get()).isEqualTo(1);
		assertThat(this.handlers.seen).hasSize(6);
		assertThat(this.qless.throttles().locks("gnome-api")).isEmpty();
		assertThat(this.qless.throttles().pending("gnome-api")).isEmpty();
	}

	@Test
	void theLockOfACrashedWorkersJobPassesToTheWorkerItIsReHandedTo() throws Exception {
		this.qless.config().set("throttled-reclaim-heartbeat", 1);
		this.qless.config().set("grace-period", 0);
		this.qless.throttles().set("gnome-api", 1);
		QlessListenerContainer container = this.context.getBean(QlessListenerEndpointRegistry.class)
			.getContainer("throttled-reclaim");
		CountDownLatch stopped = new CountDownLatch(1);
		container.stop(stopped::countDown);
		assertThat(stopped.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		// A higher priority pops it first even when both puts share a millisecond.
		String crashed = this.qless.queue("throttled-reclaim")
			.put(PutRequest.of(ThrottledHandlers.KLASS, order("1 Main St.")).priority(1));
		String waiting = this.qless.queue("throttled-reclaim").put(ThrottledHandlers.KLASS, order("1 Main St."));
		assertThat(this.qless.queue("throttled-reclaim").pop("crashed-worker", 2)).extracting(Job::jid)
			.containsExactly(crashed);
		assertThat(this.qless.throttles().pending("gnome-api")).containsExactly(waiting);

		container.start();
		Job reclaimed = awaitState(crashed, JobState.COMPLETE);
		awaitState(waiting, JobState.COMPLETE);

		assertThat(reclaimed.history()).extracting((entry) -> entry.what())
			.containsExactly("put", "popped", "timed-out", "popped", "done");
		assertThat(this.handlers.seen).containsExactly(crashed, waiting);
		assertThat(this.qless.throttles().locks("gnome-api")).isEmpty();
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

	private static Underpants order(String address) {
		return new Underpants(address, List.of("M"));
	}

}
