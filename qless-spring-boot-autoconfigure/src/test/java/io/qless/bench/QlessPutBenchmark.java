package io.qless.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.qless.core.BatchResult;
import io.qless.core.PutRequest;
import io.qless.core.QlessTemplate;
import io.qless.core.QueueOperations;
import io.qless.test.TestRedis;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Prints the put rate of {@link QueueOperations#putAll(List)} (pipelined, 1,000 jobs per call) and of single
 * {@link QueueOperations#put(PutRequest)} calls, in jobs per second, for 10,000 jobs. Not a
 * test: run it by hand against the test Redis (chosen as {@code @QlessRedisTest} describes,
 * for example {@code QLESS_TEST_REDIS_URL}, else Docker, else a local {@code redis-server}):
 *
 * <pre>
 * ./mvnw -o -q -pl qless-spring-boot-autoconfigure test-compile exec:java -Dexec.mainClass=io.qless.bench.QlessPutBenchmark -Dexec.classpathScope=test
 * </pre>
 */
public final class QlessPutBenchmark {

	private static final int JOBS = 10_000;

	private static final int ROUNDS = 5;

	private static final int BULK = 1_000;

	private QlessPutBenchmark() {
	}

	public static void main(String[] args) {
		TestRedis redis = TestRedis.shared();
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(redis.host(), redis.port());
		configuration.setDatabase(redis.database());
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(configuration);
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		try (RedisStats stats = new RedisStats(redis)) {
			QlessTemplate qless = new QlessTemplate(connectionFactory, JsonMapper.builder().build());
			System.out.printf("qless put benchmark, %,d jobs per round, Redis: %s%n", JOBS, redis);
			// Warm up: load the script, JIT the paths: one uncounted round of each, as many
			// single puts as BullMQ's side of the comparison has made before its own (its
			// latency rounds put 11,000 jobs one at a time).
			redis.flush();
			bulk(qless);
			redis.flush();
			single(qless, JOBS);
			for (int round = 1; round <= ROUNDS; round++) {
				redis.flush();
				RedisStats.Snapshot beforeBulk = stats.snapshot();
				double bulkRate = bulk(qless);
				RedisStats.Delta bulkCost = stats.snapshot().since(beforeBulk);
				redis.flush();
				RedisStats.Snapshot beforeSingle = stats.snapshot();
				double singleRate = single(qless, JOBS);
				RedisStats.Delta singleCost = stats.snapshot().since(beforeSingle);
				System.out.printf("round %d: putAll %,.0f jobs/s (%s); single put %,.0f jobs/s (%s)%n", round,
						bulkRate, bulkCost.perJob(JOBS), singleRate, singleCost.perJob(JOBS));
			}
			redis.flush();
		}
		finally {
			connectionFactory.destroy();
		}
	}

	private static double bulk(QlessTemplate qless) {
		List<PutRequest> requests = new ArrayList<>(JOBS);
		for (int i = 0; i < JOBS; i++) {
			requests.add(PutRequest.of("Bench", Map.of("n", i)));
		}
		long start = System.nanoTime();
		// 1,000 jobs per call, as the side-by-side comparison with BullMQ's addBulk does
		for (int from = 0; from < JOBS; from += BULK) {
			List<BatchResult<String>> results = qless.queue("bench")
				.putAll(requests.subList(from, Math.min(JOBS, from + BULK)));
			check(results.stream().allMatch(BatchResult::isSuccess), "a bulk put failed");
		}
		long elapsed = System.nanoTime() - start;
		return rate(JOBS, elapsed);
	}

	private static double single(QlessTemplate qless, int jobs) {
		QueueOperations queue = qless.queue("bench");
		long start = System.nanoTime();
		for (int i = 0; i < jobs; i++) {
			queue.put("Bench", Map.of("n", i));
		}
		long elapsed = System.nanoTime() - start;
		return rate(jobs, elapsed);
	}

	private static double rate(int jobs, long nanos) {
		return jobs / (nanos / 1e9);
	}

	private static void check(boolean condition, String message) {
		if (!condition) {
			throw new IllegalStateException(message);
		}
	}

}
