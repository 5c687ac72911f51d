package io.qless.deployment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.qless.core.BatchResult;
import io.qless.core.CrossShardException;
import io.qless.core.JobState;
import io.qless.core.PutRequest;
import io.qless.core.QlessArgumentException;
import io.qless.core.QlessOperations;
import io.qless.core.QlessShards;
import io.qless.core.QlessTemplate;
import io.qless.core.QueueCounts;
import io.qless.core.event.QlessEvent;
import io.qless.core.event.QlessEventSubscriber;
import io.qless.test.TestRedisCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real three-master Redis Cluster of the test's own and an application configured
 * through {@code spring.data.redis.cluster.nodes} with three named shards whose slots live
 * on three different nodes (and the default shard, {@code ql:{default}:}): jobs are put,
 * popped and completed in every shard, through a node restart and through a slot
 * migration that makes the old owner answer {@code MOVED}. Skipped where redis-server and
 * redis-cli are missing, and while the script does not take its key prefix from
 * {@code KEYS[1]}.
 */
class QlessClusterTests {

	private static TestRedisCluster cluster;

	/** A shard name per node: shard {@code names[i]}'s keys live on node i. */
	private static final String[] names = new String[3];

	@BeforeAll
	static void startCluster() {
		assumeTrue(TestRedisCluster.isAvailable(), "redis-server and redis-cli are not on the PATH");
		cluster = TestRedisCluster.start(3);
		for (int i = 0; names[0] == null || names[1] == null || names[2] == null; i++) {
			String name = "s" + i;
			int node = cluster.nodeOf("ql:{" + name + "}:");
			if (names[node] == null) {
				names[node] = name;
			}
		}
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@ParameterizedTest(name = "functions: {0}")
	@ValueSource(booleans = { true, false })
	void jobsArePutPoppedAndCompletedInShardsOnEveryNode(boolean useFunctions) throws Exception {
		try (ConfigurableApplicationContext context = application(useFunctions)) {
			QlessOperations qless = context.getBean(QlessOperations.class);
			assumeKeyPrefix(qless);
			Map<String, String> jids = new LinkedHashMap<>();
			for (String queue : List.of("a-1", "b-1", "c-1", "plain")) {
				for (int i = 0; i < 5; i++) {
					String name = queue + "/" + useFunctions + "/" + i;
					jids.put(name, qless.queue(queue).put(ClusterApp.KLASS, new ClusterApp.Work(name)));
				}
			}
			awaitDone(context, jids.keySet());
			for (String jid : jids.values()) {
				Awaits.state(qless, jid, JobState.COMPLETE);
			}
			String a = jids.get("a-1/" + useFunctions + "/0");
			assertThat(cluster.call(0, "EXISTS", "ql:{" + names[0] + "}:j:" + a)).as("a job of shard %s on node 0", names[0])
				.isEqualTo(1L);
			String b = jids.get("b-1/" + useFunctions + "/0");
			assertThat(cluster.call(1, "EXISTS", "ql:{" + names[1] + "}:j:" + b)).isEqualTo(1L);
			String c = jids.get("c-1/" + useFunctions + "/0");
			assertThat(cluster.call(2, "EXISTS", "ql:{" + names[2] + "}:j:" + c)).isEqualTo(1L);
			String plain = jids.get("plain/" + useFunctions + "/0");
			int defaultNode = cluster.nodeOf("ql:{default}:");
			assertThat(cluster.call(defaultNode, "EXISTS", "ql:{default}:j:" + plain)).isEqualTo(1L);
			assertThat(qless.queues()).extracting(QueueCounts::name).contains("a-1", "b-1", "c-1", "plain");
			assertThat(qless.jobs().get(List.of(plain, c, b, a))).extracting((job) -> job.jid())
				.containsExactly(plain, c, b, a);
			// A client that did not put these jobs finds each one's shard with EXISTS on its node.
			QlessTemplate fresh = new QlessTemplate(context.getBean(RedisConnectionFactory.class),
					JsonMapper.builder().build());
			fresh.setShards(context.getBean(QlessShards.class));
			assertThat(fresh.jobs().get(c).state()).isEqualTo(JobState.COMPLETE);
			assertThat(fresh.jobs().get(List.of(a, plain, b))).extracting((job) -> job.jid())
				.containsExactly(a, plain, b);
			String idle = qless.queue("a-idle").put(ClusterApp.KLASS, new ClusterApp.Work("idle"));
			assertThat(fresh.jobs().cancel(idle)).containsExactly(idle);
			assertThat(cluster.call(0, "EXISTS", "ql:{" + names[0] + "}:j:" + idle)).isEqualTo(0L);
			// a pop of 20 jobs makes the shard's lease sets skip lists (OBJECT on that node)
			String batchQueue = "b-batch-" + useFunctions;
			List<PutRequest> requests = new ArrayList<>();
			for (int i = 0; i < 20; i++) {
				requests.add(PutRequest.of(ClusterApp.KLASS, new ClusterApp.Work("batch-" + i)));
			}
			assertThat(qless.queue(batchQueue).putAll(requests)).allMatch(BatchResult::isSuccess);
			assertThat(qless.queue(batchQueue).pop("batch-worker", 20)).hasSize(20);
			String locks = "ql:{" + names[1] + "}:q:" + batchQueue + "-locks";
			assertThat(cluster.call(1, "ZCARD", locks)).isEqualTo(20L);
			assertThat(cluster.call(1, "OBJECT", "ENCODING", locks)).isEqualTo("skiplist");
		}
	}

	@Test
	void eventsOfEveryShardReachTheSubscriber() throws Exception {
		try (ConfigurableApplicationContext context = application(true)) {
			QlessOperations qless = context.getBean(QlessOperations.class);
			assumeKeyPrefix(qless);
			BlockingQueue<String> puts = new LinkedBlockingQueue<>();
			try (QlessEventSubscriber.Subscription subscription = context.getBean(QlessEventSubscriber.class)
				.subscribe((event) -> {
					if (event instanceof QlessEvent.Put put) {
						puts.add(put.queue() + " " + put.channel());
					}
				})) {
				// The subscription becomes active asynchronously: put into each shard until its
				// event arrives, rather than guess how long subscribing takes.
				Set<String> seen = new HashSet<>();
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
				while (seen.size() < 2 && System.nanoTime() < deadline) {
					if (!seen.contains("c-9 ql:log")) {
						qless.queue("c-9").put(ClusterApp.KLASS, new ClusterApp.Work("event-c"));
					}
					if (!seen.contains("other ql:log")) {
						qless.queue("other").put(ClusterApp.KLASS, new ClusterApp.Work("event-default"));
					}
					for (String put = puts.poll(200, TimeUnit.MILLISECONDS); put != null; put = puts.poll()) {
						seen.add(put);
					}
				}
				assertThat(seen).containsExactlyInAnyOrder("c-9 ql:log", "other ql:log");
			}
		}
	}

	@Test
	void movesAcrossShardsAreRefused() {
		try (ConfigurableApplicationContext context = application(true)) {
			QlessOperations qless = context.getBean(QlessOperations.class);
			assertThatExceptionOfType(CrossShardException.class).isThrownBy(
					() -> qless.jobs().complete("x", "w", "a-1", null, "b-1", Duration.ZERO, List.of()));
			assertThatExceptionOfType(CrossShardException.class).isThrownBy(() -> qless.queue("a-1")
				.put(PutRequest.of(ClusterApp.KLASS, null).throttles("ql:q:plain")));
		}
	}

	@Test
	void aRestartedNodeServesItsShardAgain() throws Exception {
		try (ConfigurableApplicationContext context = application(true)) {
			QlessOperations qless = context.getBean(QlessOperations.class);
			assumeKeyPrefix(qless);
			String before = qless.queue("b-1").put(ClusterApp.KLASS, new ClusterApp.Work("restart-before"));
			awaitDone(context, Set.of("restart-before"));
			cluster.restartNode(1);
			List<String> names = new ArrayList<>();
			List<String> jids = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				names.add("restart-after-" + i);
				jids.add(putRetrying(qless, "b-1", "restart-after-" + i));
			}
			awaitDone(context, new HashSet<>(names));
			for (String jid : jids) {
				Awaits.state(qless, jid, JobState.COMPLETE, Duration.ofSeconds(30));
			}
			assertThat(qless.jobs().get(before).state()).as("kept in the node's append-only file")
				.isEqualTo(JobState.COMPLETE);
		}
	}

	@Test
	void aShardWhoseSlotMovedIsFollowedToItsNewNode() throws Exception {
		try (ConfigurableApplicationContext context = application(true)) {
			QlessOperations qless = context.getBean(QlessOperations.class);
			assumeKeyPrefix(qless);
			String before = qless.queue("c-1").put(ClusterApp.KLASS, new ClusterApp.Work("moved-before"));
			awaitDone(context, Set.of("moved-before"));
			int slot = cluster.slot("ql:{" + names[2] + "}:");
			int from = cluster.nodeOfSlot(slot);
			int to = (from + 1) % 3;
			cluster.migrateSlot(slot, to);
			assertThat(cluster.call(to, "EXISTS", "ql:{" + names[2] + "}:j:" + before)).isEqualTo(1L);
			// The application still thinks the old node owns the slot: its next call gets MOVED.
			String after = qless.queue("c-1").put(ClusterApp.KLASS, new ClusterApp.Work("moved-after"));
			awaitDone(context, Set.of("moved-after"));
			Awaits.state(qless, after, JobState.COMPLETE, Duration.ofSeconds(30));
			assertThat(cluster.call(to, "EXISTS", "ql:{" + names[2] + "}:j:" + after)).isEqualTo(1L);
			assertThat(qless.jobs().get(before).state()).isEqualTo(JobState.COMPLETE);
			cluster.migrateSlot(slot, from);
		}
	}

	private static String putRetrying(QlessOperations qless, String queue, String name) throws InterruptedException {
		RuntimeException last = null;
		for (int attempt = 0; attempt < 100; attempt++) {
			try {
				return qless.queue(queue).put(ClusterApp.KLASS, new ClusterApp.Work(name));
			}
			catch (RuntimeException ex) {
				last = ex;
				Thread.sleep(100);
			}
		}
		throw last;
	}

	private static void awaitDone(ConfigurableApplicationContext context, Set<String> names) throws InterruptedException {
		ClusterApp.Recorder recorder = context.getBean(ClusterApp.Recorder.class);
		Set<String> waiting = new HashSet<>(names);
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (!waiting.isEmpty() && System.nanoTime() < deadline) {
			String done = recorder.done.poll(100, TimeUnit.MILLISECONDS);
			if (done != null) {
				waiting.remove(done);
			}
		}
		assertThat(waiting).as("jobs not run").isEmpty();
	}

	private static void assumeKeyPrefix(QlessOperations qless) {
		try {
			qless.queue("a-1").length();
		}
		catch (QlessArgumentException ex) {
			assumeTrue(false, "the script does not take its key prefix from KEYS[1] yet: " + ex.getMessage());
		}
	}

	private static ConfigurableApplicationContext application(boolean useFunctions) {
		return new SpringApplicationBuilder(ClusterApp.class)
			.properties("spring.data.redis.cluster.nodes=" + cluster.nodes(), "qless.worker-name=cluster-worker",
					"qless.shards." + names[0] + ".queues=a-*", "qless.shards." + names[1] + ".queues=b-*",
					"qless.shards." + names[2] + ".queues=c-*", "qless.timeout=3s",
					"qless.listener.idle-poll-interval=200ms", "test.use-functions=" + useFunctions,
					"spring.data.redis.lettuce.cluster.refresh.adaptive=true")
			.run();
	}

}
