package io.qless.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.qless.core.PutRequest;
import io.qless.core.QlessShards;
import io.qless.core.QlessTemplate;
import io.qless.core.event.QlessEventSubscriber;
import io.qless.listener.ContainerSettings;
import io.qless.listener.DefaultQlessListenerContainerFactory;
import io.qless.listener.HandlerOptions;
import io.qless.listener.JobObserver;
import io.qless.listener.QlessListenerContainer;
import io.qless.listener.QlessListenerEndpoint;
import io.qless.test.TestRedisCluster;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.ReflectionUtils;

/**
 * Shards on a Redis Cluster (not a test: it prints figures). Starts a real three-master
 * cluster ({@link TestRedisCluster}) and runs the same fixed fleet of listener containers
 * (one per queue, the same queues every time) with the queues spread over 1, 2 and then 3
 * shards, shard {@code i} living on node {@code i}. For each run: jobs/s from the first
 * pop to the last outcome, and each node's Redis CPU ({@code INFO cpu}, user + sys) per
 * job of its shards, for putting and for processing.
 * <p>
 * A two-core machine that runs the cluster, the fleet and the JVM cannot show absolute
 * scaling: every node competes for the same cores. What it can show is that a shard's
 * cost per job on its node stays the same however many shards there are; the capacity
 * printed is what that cost projects when each node has a core of its own
 * ({@code 1 s / µs per job}, times the nodes that carry shards).
 * <p>
 * Run: {@code ./mvnw -q -pl qless-spring-boot-autoconfigure -am test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.qless.bench.ShardScaleBenchmark}
 * (optional {@code -Dexec.args="30000 6 2"}: jobs per run, queues, containers' concurrency).
 */
public final class ShardScaleBenchmark {

	private static final String KLASS = "bench.NoOp";

	private ShardScaleBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int jobs = (args.length > 0) ? Integer.parseInt(args[0]) : 30_000;
		int queues = (args.length > 1) ? Integer.parseInt(args[1]) : 6;
		int concurrency = (args.length > 2) ? Integer.parseInt(args[2]) : 2;
		try (TestRedisCluster cluster = TestRedisCluster.start(3)) {
			System.out.println(cluster + "; " + jobs + " jobs per run over " + queues + " queues, one container per"
					+ " queue, concurrency " + concurrency + ", batch " + ContainerSettings.DEFAULT_BATCH_SIZE);
			String[] names = shardNamesByNode(cluster);
			List<Result> results = new ArrayList<>();
			for (int shards = 1; shards <= 3; shards++) {
				results.add(run(cluster, names, shards, jobs, queues, concurrency));
			}
			System.out.println();
			System.out.println("shards  jobs/s   Redis µs/job per node (process)          projected capacity");
			for (Result result : results) {
				System.out.println(result.summary());
			}
		}
	}

	/** A shard name for each node: shard {@code names[i]} keeps its keys on node i. */
	private static String[] shardNamesByNode(TestRedisCluster cluster) {
		String[] names = new String[cluster.size()];
		int found = 0;
		for (int i = 0; found < names.length; i++) {
			String name = "bench" + i;
			int node = cluster.nodeOf("ql:{" + name + "}:");
			if (names[node] == null) {
				names[node] = name;
				found++;
			}
		}
		return names;
	}

	private static Result run(TestRedisCluster cluster, String[] names, int shardCount, int jobs, int queueCount,
			int concurrency) throws Exception {
		// Queue i goes to shard i % shardCount, which lives on node i % shardCount.
		Map<String, List<String>> shards = new LinkedHashMap<>();
		List<String> queues = new ArrayList<>();
		for (int i = 0; i < queueCount; i++) {
			String queue = "scale" + shardCount + "-q" + i;
			queues.add(queue);
			shards.computeIfAbsent(names[i % shardCount], (name) -> new ArrayList<>()).add(queue);
		}
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
				new RedisClusterConfiguration(List.of(cluster.nodes().split(","))));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		JsonMapper jsonMapper = JsonMapper.builder().build();
		QlessTemplate qless = new QlessTemplate(connectionFactory, jsonMapper);
		QlessShards layout = QlessShards.of(true, shards);
		qless.setShards(layout);
		RedisMessageListenerContainer listeners = new RedisMessageListenerContainer();
		listeners.setConnectionFactory(connectionFactory);
		listeners.setTaskExecutor(new SyncTaskExecutor());
		listeners.afterPropertiesSet();
		listeners.start();
		QlessEventSubscriber events = new QlessEventSubscriber(listeners, jsonMapper);
		events.setShards(layout);
		try {
			long[] jobsPerNode = new long[cluster.size()];
			for (int i = 0; i < queueCount; i++) {
				jobsPerNode[i % shardCount] += jobs / queueCount;
			}
			int total = (jobs / queueCount) * queueCount;
			double[] beforePut = cpu(cluster);
			for (String queue : queues) {
				putAll(qless, queue, jobs / queueCount);
			}
			double[] put = since(cpu(cluster), beforePut);
			CountDownLatch finished = new CountDownLatch(total);
			List<QlessListenerContainer> fleet = new ArrayList<>();
			for (String queue : queues) {
				DefaultQlessListenerContainerFactory factory = new DefaultQlessListenerContainerFactory(qless,
						jsonMapper);
				factory.setConcurrency(concurrency);
				factory.setEventSubscriber(events);
				factory.setObserver(new JobObserver() {
					@Override
					public void jobFinished(String q, String klass, String outcome, Duration handlerTime) {
						finished.countDown();
					}
				});
				fleet.add(factory.createContainer(queue, List.of(endpoint(queue))));
			}
			double[] beforeProcess = cpu(cluster);
			long start = System.nanoTime();
			fleet.forEach(QlessListenerContainer::start);
			if (!finished.await(10, TimeUnit.MINUTES)) {
				System.out.println("timed out with " + finished.getCount() + " jobs left");
			}
			long elapsed = System.nanoTime() - start;
			double[] process = since(cpu(cluster), beforeProcess);
			fleet.forEach(QlessListenerContainer::stop);
			Result result = new Result(shardCount, total, elapsed, jobsPerNode, put, process);
			result.print();
			return result;
		}
		finally {
			listeners.stop();
			listeners.destroy();
			connectionFactory.destroy();
		}
	}

	private static double[] cpu(TestRedisCluster cluster) {
		double[] seconds = new double[cluster.size()];
		for (int node = 0; node < seconds.length; node++) {
			double user = 0;
			double sys = 0;
			for (String line : cluster.info(node, "cpu").split("\r?\n")) {
				if (line.startsWith("used_cpu_user:")) {
					user = Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
				}
				else if (line.startsWith("used_cpu_sys:")) {
					sys = Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
				}
			}
			seconds[node] = user + sys;
		}
		return seconds;
	}

	private static double[] since(double[] after, double[] before) {
		double[] delta = new double[after.length];
		for (int i = 0; i < after.length; i++) {
			delta[i] = after[i] - before[i];
		}
		return delta;
	}

	private static void putAll(QlessTemplate qless, String queue, int jobs) {
		List<PutRequest> requests = new ArrayList<>(1_000);
		for (int i = 0; i < jobs; i++) {
			requests.add(PutRequest.of(KLASS, Map.of("i", i)));
			if (requests.size() == 1_000 || i == jobs - 1) {
				qless.queue(queue).putAll(requests);
				requests.clear();
			}
		}
	}

	private static QlessListenerEndpoint endpoint(String queue) {
		return new QlessListenerEndpoint(KLASS, queue, new NoOp(),
				ReflectionUtils.findMethod(NoOp.class, "handle", Map.class), HandlerOptions.DEFAULTS);
	}

	static final class NoOp {

		void handle(Map<String, Object> data) {
		}

	}

	/**
	 * The figures of one run.
	 */
	private record Result(int shards, int jobs, long nanos, long[] jobsPerNode, double[] putCpu,
			double[] processCpu) {

		double jobsPerSecond() {
			return this.jobs / (this.nanos / 1e9);
		}

		/** Redis CPU µs per job of the node's shards, or NaN for a node without shards. */
		double micros(double[] cpu, int node) {
			return (this.jobsPerNode[node] > 0) ? cpu[node] * 1e6 / this.jobsPerNode[node] : Double.NaN;
		}

		/** Jobs/s the shards' nodes could carry with one core each, at the measured costs. */
		double projectedCapacity() {
			double capacity = 0;
			for (int node = 0; node < this.jobsPerNode.length; node++) {
				if (this.jobsPerNode[node] > 0) {
					capacity += 1e6 / micros(this.processCpu, node);
				}
			}
			return capacity;
		}

		void print() {
			System.out.printf("%d shard(s): %d jobs in %.2f s = %.0f jobs/s%n", this.shards, this.jobs,
					this.nanos / 1e9, jobsPerSecond());
			for (int node = 0; node < this.jobsPerNode.length; node++) {
				if (this.jobsPerNode[node] > 0) {
					System.out.printf("  node %d: %6d jobs; Redis CPU per job: put %.1f µs, process %.1f µs%n", node,
							this.jobsPerNode[node], micros(this.putCpu, node), micros(this.processCpu, node));
				}
				else {
					System.out.printf("  node %d: no shard; Redis CPU while the others worked: %.3f s%n", node,
							this.processCpu[node]);
				}
			}
		}

		String summary() {
			StringBuilder nodes = new StringBuilder();
			for (int node = 0; node < this.jobsPerNode.length; node++) {
				double micros = micros(this.processCpu, node);
				nodes.append(Double.isNaN(micros) ? String.format("%10s", "-") : String.format("%10.1f", micros));
			}
			return String.format("%6d %7.0f %s     %8.0f jobs/s", this.shards, jobsPerSecond(), nodes,
					projectedCapacity());
		}

	}

}
