package io.qless.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.qless.scripts.LuaScript;
import io.qless.scripts.QlessScripts;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@QlessRedisTest
class QlessTemplateQueueTests {

	private QlessTestSupport support;

	private QlessTemplate qless;

	private QueueOperations queue;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.support = new QlessTestSupport(redis);
		this.qless = this.support.template;
		this.queue = this.qless.queue("orders");
	}

	@AfterEach
	void tearDown() {
		this.support.close();
	}

	@Test
	void putWithDefaultsGeneratesJidAndStoresPayloadAsJson() {
		String jid = this.queue.put("Orders::Ship", new Order(7, "lamp"));
		assertThat(jid).matches("[0-9a-f]{32}");
		assertThat(this.queue.name()).isEqualTo("orders");
		assertThat(this.qless.getJsonMapper()).isSameAs(this.support.mapper);
		assertThat(this.qless.workerName()).isEqualTo("test-client");
		Job job = this.qless.jobs().get(jid);
		assertThat(job).isNotNull();
		assertThat(job.klass()).isEqualTo("Orders::Ship");
		assertThat(job.state()).isEqualTo(JobState.WAITING);
		assertThat(job.queue()).isEqualTo("orders");
		assertThat(job.priority()).isZero();
		assertThat(job.retries()).isEqualTo(5);
		assertThat(job.remaining()).isEqualTo(5);
		assertThat(job.tags()).isEmpty();
		assertThat(job.failure()).isNull();
		assertThat(job.spawnedFromJid()).isNull();
		assertThat(job.history()).singleElement().satisfies((entry) -> {
			assertThat(entry.what()).isEqualTo("put");
			assertThat(entry.queue()).isEqualTo("orders");
			assertThat(entry.when()).isEqualTo(QlessTestSupport.START.getEpochSecond());
		});
		assertThat(this.qless.readData(job, Order.class)).isEqualTo(new Order(7, "lamp"));
	}

	@Test
	void putWithOptions() {
		String dep = this.queue.put(PutRequest.of("Dep", Map.of()).jid("dep"));
		String jid = this.queue.put(PutRequest.of("Orders::Ship", new RawJson("{\"raw\":true}"))
			.jid("job-1")
			.priority(3)
			.tags("a", "b")
			.retries(2)
			.depends(dep));
		assertThat(jid).isEqualTo("job-1");
		Job job = this.qless.jobs().get("job-1");
		assertThat(job.state()).isEqualTo(JobState.DEPENDS);
		assertThat(job.priority()).isEqualTo(3);
		assertThat(job.tags()).containsExactly("a", "b");
		assertThat(job.retries()).isEqualTo(2);
		assertThat(job.dependencies()).containsExactly("dep");
		assertThat(job.data()).isEqualTo("{\"raw\":true}");
		assertThat(this.qless.jobs().get("dep").dependents()).containsExactly("job-1");
	}

	@Test
	void putWithDelayIsScheduledUntilTheClockPassesIt() {
		this.queue.put(PutRequest.of("K", null).jid("later").delay(Duration.ofSeconds(30)));
		assertThat(this.qless.jobs().get("later").state()).isEqualTo(JobState.SCHEDULED);
		assertThat(this.queue.pop("w", 1)).isEmpty();
		this.support.clock.advance(Duration.ofSeconds(31));
		assertThat(this.queue.pop("w", 1)).extracting(Job::jid).containsExactly("later");
	}

	@Test
	void putAllPipelinesAndKeepsErrorsPerItem() {
		List<PutRequest> requests = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			requests.add(PutRequest.of("Bulk", Map.of("i", i)).jid("bulk-" + i));
		}
		requests.add(50, PutRequest.of("Bulk", new RawJson("{not json")).jid("broken"));
		List<BatchResult<String>> results = this.queue.putAll(requests);
		assertThat(results).hasSize(101);
		assertThat(results.get(0).getRequired()).isEqualTo("bulk-0");
		assertThat(results.get(100).get()).isEqualTo("bulk-99");
		assertThat(results.get(50).isSuccess()).isFalse();
		assertThat(results.get(50).error()).isInstanceOf(QlessException.class);
		assertThat(results).filteredOn(BatchResult::isSuccess).hasSize(100);
		assertThat(this.queue.length()).isEqualTo(100);
	}

	@Test
	void putAllOfAScriptWithoutPutManyPutsOneByOne() throws Exception {
		String text = QlessScripts.qless().text().replaceFirst("\nput\\.many:[A-Za-z]+\n", "\n");
		assertThat(text).isNotEqualTo(QlessScripts.qless().text());
		QlessTemplate template = new QlessTemplate(this.support.connectionFactory, this.support.mapper,
				this.support.clock, new LuaScript("without-put-many.lua", text, sha1(text)),
				QlessDialect.QLESS);
		for (int round = 0; round < 2; round++) {
			List<PutRequest> requests = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				requests.add(PutRequest.of("Bulk", Map.of("i", i)).jid("bulk-" + round + "-" + i));
			}
			assertThat(template.queue("orders").putAll(requests)).extracting(BatchResult::get)
				.containsExactly("bulk-" + round + "-0", "bulk-" + round + "-1", "bulk-" + round + "-2");
		}
		assertThat(this.queue.length()).isEqualTo(6);
		assertThat(template.isPutManySupported()).isFalse();
		assertThat(this.qless.isPutManySupported()).isTrue();
	}

	@Test
	void putAllSpeaksTheReqlessDialectToo(TestRedis redis) {
		try (QlessTestSupport reqless = new QlessTestSupport(redis, QlessDialect.REQLESS)) {
			List<PutRequest> requests = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				requests.add(PutRequest.of("Bulk", Map.of("i", i)).jid("r-" + i).priority(i));
			}
			requests.add(PutRequest.of("Bulk", new RawJson("{not json")).jid("broken"));
			List<BatchResult<String>> results = reqless.template.queue("orders").putAll(requests);
			assertThat(results).filteredOn(BatchResult::isSuccess).extracting(BatchResult::get)
				.containsExactly("r-0", "r-1", "r-2");
			assertThat(results.get(3).error()).isInstanceOf(QlessException.class);
			assertThat(reqless.template.jobs().get("r-2").priority()).isEqualTo(2);
			assertThat(reqless.template.isPutManySupported()).isTrue();
		}
	}

	private static String sha1(String text) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	@Test
	void requeueMovesAnExistingJobAndRefusesUnknownJids() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("j"));
		this.qless.queue("other").requeue(PutRequest.of("K2", Map.of("x", 1)).jid("j"));
		Job job = this.qless.jobs().get("j");
		assertThat(job.queue()).isEqualTo("other");
		assertThat(job.klass()).isEqualTo("K2");
		assertThatExceptionOfType(JobNotFoundException.class)
			.isThrownBy(() -> this.queue.requeue(PutRequest.of("K", Map.of()).jid("missing")))
			.satisfies((ex) -> assertThat(ex.getScriptMessage()).isEqualTo("Requeue(): Job missing does not exist"));
	}

	@Test
	void popLocksJobsForTheWorkerInPriorityOrder() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("low"));
		this.support.clock.advance(Duration.ofSeconds(1));
		this.queue.put(PutRequest.of("K", Map.of()).jid("high").priority(10));
		this.queue.put(PutRequest.of("K", Map.of()).jid("third"));
		List<Job> popped = this.queue.pop("worker-1", 2);
		assertThat(popped).extracting(Job::jid).containsExactly("high", "low");
		assertThat(popped).allSatisfy((job) -> {
			assertThat(job.state()).isEqualTo(JobState.RUNNING);
			assertThat(job.worker()).isEqualTo("worker-1");
			assertThat(job.expiresAt()).isEqualTo(this.support.clock.instant().plusSeconds(60));
		});
		assertThat(this.queue.pop("worker-1", 5)).extracting(Job::jid).containsExactly("third");
		assertThat(this.queue.pop("worker-1", 5)).isEmpty();
	}

	@Test
	void peekDoesNotLock() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("a"));
		assertThat(this.queue.peek(5)).extracting(Job::jid, Job::state)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("a", JobState.WAITING));
		assertThat(this.qless.jobs().get("a").state()).isEqualTo(JobState.WAITING);
	}

	@Test
	void lengthAndCounts() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("a"));
		this.queue.put(PutRequest.of("K", Map.of()).jid("b"));
		this.queue.put(PutRequest.of("K", Map.of()).jid("c").delay(Duration.ofSeconds(10)));
		this.queue.put(PutRequest.of("K", Map.of()).jid("d").depends("a"));
		this.queue.pop("w", 1);
		assertThat(this.queue.length()).isEqualTo(3);
		assertThat(this.queue.counts()).isEqualTo(new QueueCounts("orders", 1, 0, 1, 1, 1, 0, 0, false));
		this.qless.queue("second").put("K", Map.of());
		assertThat(this.qless.queues()).extracting(QueueCounts::name).containsExactly("orders", "second");
	}

	@Test
	void jobsByState() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("run"));
		this.queue.pop("w", 1);
		this.queue.put(PutRequest.of("K", Map.of()).jid("sched").delay(Duration.ofSeconds(100)));
		this.queue.put(PutRequest.of("K", Map.of()).jid("dep").depends("sched"));
		this.queue.recur(RecurRequest.of("K", Map.of(), Duration.ofHours(1)).jid("rec"));
		assertThat(this.queue.jobs(QueueJobState.RUNNING, 0, 10)).containsExactly("run");
		assertThat(this.queue.jobs(QueueJobState.SCHEDULED, 0, 10)).containsExactly("sched");
		assertThat(this.queue.jobs(QueueJobState.DEPENDS, 0, 10)).containsExactly("dep");
		assertThat(this.queue.jobs(QueueJobState.RECURRING, 0, 10)).containsExactly("rec");
		assertThat(this.queue.jobs(QueueJobState.STALLED, 0, 10)).isEmpty();
		this.support.clock.advance(Duration.ofSeconds(61));
		assertThat(this.queue.jobs(QueueJobState.STALLED, 0, 10)).containsExactly("run");
	}

	@Test
	void pauseAndUnpause() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("a"));
		this.queue.pause();
		assertThat(this.queue.counts().paused()).isTrue();
		assertThat(this.queue.pop("w", 1)).isEmpty();
		this.queue.unpause();
		assertThat(this.queue.pop("w", 1)).hasSize(1);
	}

	@Test
	void statsOfTheDay() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("a"));
		this.support.clock.advance(Duration.ofSeconds(5));
		Job job = this.queue.pop("w", 1).get(0);
		this.support.clock.advance(Duration.ofSeconds(2));
		this.qless.jobs().complete(job);
		QueueStats stats = this.queue.stats(this.support.clock.instant());
		assertThat(stats.waitTimes().count()).isEqualTo(1);
		assertThat(stats.waitTimes().mean()).isEqualTo(5.0);
		assertThat(stats.waitTimes().histogram()).hasSize(148);
		assertThat(stats.waitTimes().histogram().get(5)).isEqualTo(1);
		assertThat(stats.runTimes().count()).isEqualTo(1);
		assertThat(stats.runTimes().mean()).isEqualTo(2.0);
		assertThat(stats.failures()).isZero();
		assertThat(this.queue.stats(Instant.parse("2020-01-01T00:00:00Z")).waitTimes().count()).isZero();
	}

	@Test
	void unfailMovesFailedJobsBack() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("a"));
		this.queue.pop("w", 1);
		this.qless.jobs().fail("a", "w", "boom", "it broke");
		assertThat(this.qless.queue("retry-here").unfail("boom", 10)).isEqualTo(1);
		Job job = this.qless.jobs().get("a");
		assertThat(job.state()).isEqualTo(JobState.WAITING);
		assertThat(job.queue()).isEqualTo("retry-here");
	}

	@Test
	void recurSpawnsChildrenOnPop() {
		String jid = this.queue.recur(RecurRequest.of("Nightly", Map.of("n", 1), Duration.ofSeconds(60))
			.jid("nightly")
			.priority(2)
			.tags("cron")
			.retries(1)
			.backlog(0));
		assertThat(jid).isEqualTo("nightly");
		List<Job> jobs = this.queue.pop("w", 5);
		assertThat(jobs).singleElement().satisfies((job) -> {
			assertThat(job.jid()).isEqualTo("nightly-1");
			assertThat(job.spawnedFromJid()).isEqualTo("nightly");
			assertThat(job.tags()).containsExactly("cron");
			assertThat(job.priority()).isEqualTo(2);
			assertThat(job.retries()).isEqualTo(1);
		});
		assertThat(this.queue.recur(RecurRequest.of("K", Map.of(), Duration.ofSeconds(5)).offset(Duration.ofSeconds(5))))
			.matches("[0-9a-f]{32}");
	}

	@Test
	void forgetRemovesTheQueueFromTheList() {
		this.queue.put("K", Map.of());
		this.queue.forget();
		assertThat(this.qless.queues()).isEmpty();
	}

	@Test
	void heartbeatIntervalFallsBackFromQueueToGlobalToDefault() {
		assertThat(this.queue.heartbeatInterval()).isEqualTo(Duration.ofSeconds(60));
		this.qless.config().set(QlessConfigKey.HEARTBEAT, Duration.ofSeconds(30));
		assertThat(this.queue.heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
		this.qless.config().set(QlessConfigKey.heartbeat("orders"), Duration.ofMillis(12500));
		assertThat(this.queue.heartbeatInterval()).isEqualTo(Duration.ofMillis(12500));
		assertThat(this.qless.queue("other").heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
	}

	record Order(int id, String item) {
	}

}
