package io.qless.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@QlessRedisTest
class QlessTemplateAdminTests {

	private QlessTestSupport support;

	private QlessTemplate qless;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.support = new QlessTestSupport(redis);
		this.qless = this.support.template;
	}

	@AfterEach
	void tearDown() {
		this.support.close();
	}

	@Test
	void recurringGetUpdateTagUntagUnrecur() {
		this.qless.queue("q")
			.recur(RecurRequest.of("Sync", Map.of("a", 1), Duration.ofHours(1)).jid("sync").tags("x").retries(2));
		RecurringJob job = this.qless.recurring().get("sync");
		assertThat(job).isEqualTo(new RecurringJob("sync", "Sync", JobState.RECUR, "q", 0, Duration.ofHours(1), 2, 0,
				"{\"a\":1}", List.of("x"), 0, job.throttles()));
		this.qless.recurring()
			.update("sync", RecurringUpdate.create()
				.priority(4)
				.interval(Duration.ofMinutes(30))
				.retries(1)
				.data(Map.of("b", 2))
				.klass("Sync2")
				.queue("q2")
				.backlog(3));
		RecurringJob updated = this.qless.recurring().get("sync");
		assertThat(updated).isEqualTo(new RecurringJob("sync", "Sync2", JobState.RECUR, "q2", 4,
				Duration.ofMinutes(30), 1, 0, "{\"b\":2}", List.of("x"), 3, updated.throttles()));
		assertThat(this.qless.recurring().tag("sync", "y")).containsExactly("x", "y");
		assertThat(this.qless.recurring().untag("sync", "x", "y")).isEmpty();
		this.qless.recurring().unrecur("sync");
		assertThat(this.qless.recurring().get("sync")).isNull();
		assertThatExceptionOfType(JobNotFoundException.class)
			.isThrownBy(() -> this.qless.recurring().update("sync", RecurringUpdate.create().priority(1)));
	}

	@Test
	void rawConfig() {
		assertThat(this.qless.config().get("heartbeat")).isEqualTo("60");
		assertThat(this.qless.config().get("application")).isEqualTo("qless");
		assertThat(this.qless.config().get("max-worker-age")).isNull();
		this.qless.config().set("heartbeat", 100);
		this.qless.config().set("custom", "value");
		assertThat(this.qless.config().get("heartbeat")).isEqualTo("100");
		Map<String, String> all = this.qless.config().getAll();
		assertThat(all).containsEntry("heartbeat", "100")
			.containsEntry("custom", "value")
			.containsEntry("grace-period", "10")
			.containsEntry("jobs-history", "604800")
			.containsEntry("jobs-history-count", "50000")
			.containsEntry("stats-history", "30")
			.containsEntry("histogram-history", "7")
			.containsEntry("application", "qless");
		this.qless.config().unset("heartbeat");
		assertThat(this.qless.config().get("heartbeat")).isEqualTo("60");
	}

	@Test
	void typedConfig() {
		ConfigOperations config = this.qless.config();
		assertThat(config.get(QlessConfigKey.HEARTBEAT)).isEqualTo(Duration.ofSeconds(60));
		assertThat(config.get(QlessConfigKey.GRACE_PERIOD)).isEqualTo(Duration.ofSeconds(10));
		assertThat(config.get(QlessConfigKey.JOBS_HISTORY)).isEqualTo(Duration.ofDays(7));
		assertThat(config.get(QlessConfigKey.JOBS_HISTORY_COUNT)).isEqualTo(50000);
		assertThat(config.get(QlessConfigKey.MAX_JOB_HISTORY)).isEqualTo(100);
		assertThat(config.get(QlessConfigKey.STATS_HISTORY)).isEqualTo(30);
		assertThat(config.get(QlessConfigKey.HISTOGRAM_HISTORY)).isEqualTo(7);
		assertThat(config.get(QlessConfigKey.MAX_WORKER_AGE)).isEqualTo(Duration.ofDays(1));
		assertThat(config.get(QlessConfigKey.APPLICATION)).isEqualTo("qless");
		assertThat(config.get(QlessConfigKey.maxConcurrency("q"))).isZero();
		config.set(QlessConfigKey.maxConcurrency("q"), 1L);
		config.set(QlessConfigKey.MAX_WORKER_AGE, Duration.ofHours(2));
		config.set(QlessConfigKey.JOBS_HISTORY_COUNT, 10L);
		assertThat(config.get("q-max-concurrency")).isEqualTo("1");
		assertThat(config.get(QlessConfigKey.MAX_WORKER_AGE)).isEqualTo(Duration.ofHours(2));
		assertThat(config.get(QlessConfigKey.JOBS_HISTORY_COUNT)).isEqualTo(10);
		this.qless.queue("q").put("K", Map.of());
		this.qless.queue("q").put("K", Map.of());
		assertThat(this.qless.queue("q").pop("w", 5)).hasSize(1);
		config.unset(QlessConfigKey.maxConcurrency("q"));
		assertThat(this.qless.queue("q").pop("w", 5)).hasSize(1);
	}

	@Test
	void workersListJobsAndDeregister() {
		this.qless.queue("q").put(PutRequest.of("K", Map.of()).jid("a"));
		this.qless.queue("q").pop("w1", 1);
		this.support.clock.advance(Duration.ofSeconds(1));
		this.qless.queue("q").pop("w2", 1);
		assertThat(this.qless.workers().list()).containsExactly(new WorkerSummary("w2", 0, 0),
				new WorkerSummary("w1", 1, 0));
		assertThat(this.qless.workers().jobs("w1")).isEqualTo(new WorkerJobs(List.of("a"), List.of()));
		assertThat(this.qless.workers().jobs("unknown")).isEqualTo(new WorkerJobs(List.of(), List.of()));
		this.qless.workers().deregister("w1", "w2");
		assertThat(this.qless.workers().list()).isEmpty();
	}

	@Test
	void failureGroupsAndPages() {
		for (int i = 0; i < 3; i++) {
			this.qless.queue("q").put(PutRequest.of("K", Map.of()).jid("j" + i));
			this.qless.queue("q").pop("w", 1);
			this.qless.jobs().fail("j" + i, "w", "group-a", "boom");
		}
		assertThat(this.qless.failures().groups()).isEqualTo(Map.of("group-a", 3L));
		assertThat(this.qless.failures().jobs("group-a", 0, 2)).isEqualTo(new JidPage(3, List.of("j2", "j1")));
		assertThat(this.qless.failures().jobs("group-a", 2, 2)).isEqualTo(new JidPage(3, List.of("j0")));
		assertThat(this.qless.failures().jobs("none", 0, 2)).isEqualTo(new JidPage(0, List.of()));
	}

}
