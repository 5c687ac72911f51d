package io.qless.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.qless.core.Job;
import io.qless.core.PutRequest;
import io.qless.core.QlessTemplate;
import io.qless.core.RawJson;
import io.qless.core.event.QlessEvent;
import io.qless.core.event.QlessEventSubscriber;
import io.qless.listener.DefaultQlessListenerContainerFactory;
import io.qless.listener.HandlerOptions;
import io.qless.listener.JobObserver;
import io.qless.listener.QlessListenerContainer;
import io.qless.listener.QlessListenerEndpoint;
import io.qless.test.TestRedis;
import io.qless.test.TestRedisConnections;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.util.ReflectionUtils;

/**
 * Throughput, latency and Redis cost of one listener container on a real Redis (not a
 * test: it prints figures). Uses {@code QLESS_TEST_REDIS_URL} or starts a Redis as the
 * tests do, and flushes only that test database.
 * <p>
 * For each concurrency: jobs/s from start to the last job's outcome, and Redis's own
 * accounting per job (CPU of the server process from {@code INFO cpu}, and script time from
 * {@code INFO commandstats}) for putting the jobs and for processing them. Then, with an
 * idle worker, the time from a put to the handler's start: p50, p90, p99, measured after an
 * uncounted round of 10,000 jobs 1 ms apart on the same container
 * ({@code -Dbench.latencyWarmup=<jobs>} changes it,
 * 0 skips it), as a service that has run for a while has its idle path compiled.
 * <p>
 * Run: {@code ./mvnw -q -pl qless-spring-boot-autoconfigure -am test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=io.qless.bench.ContainerBenchmark}
 * (optional {@code -Dexec.args="20000 500"}: jobs for throughput, jobs for latency;
 * {@code -Dbench.concurrency=1,8} and {@code -Dbench.batch=10} change the containers;
 * {@code -Dbench.dataBytes=2000} gives each job a text of that many bytes in its data;
 * {@code -Dbench.warmup=0} skips the uncounted warm-up rounds, which have as many jobs as
 * a measured round by default: passes of one round at each concurrency until the JIT
 * compilers ran less than a fifth of each round (on Linux, which names their threads;
 * elsewhere one pass), at most {@code -Dbench.warmupPasses=6}; {@code -Dbench.virtualThreads=true} runs the
 * handlers on virtual threads (Java 21 and later); {@code -Dbench.threads=true} prints
 * for each round, on Linux, each thread's CPU, time waiting for a core and time slices per
 * job, the JVM's own threads among them (garbage collector, JIT compilers) and the Redis
 * server's when it runs on this machine).
 */
public final class ContainerBenchmark {

	private static final String KLASS = "bench.NoOp";

	private final AtomicLong handled = new AtomicLong();

	private final Semaphore started = new Semaphore(0);

	private volatile long startedAt;

	private volatile long eventAt;

	private final ThreadSchedules threadSchedules;

	private ContainerBenchmark(ThreadSchedules threadSchedules) {
		this.threadSchedules = threadSchedules;
	}

	public static void main(String[] args) throws Exception {
		int jobs = (args.length > 0) ? Integer.parseInt(args[0]) : 20_000;
		int latencyJobs = (args.length > 1) ? Integer.parseInt(args[1]) : 500;
		TestRedis redis = TestRedis.shared();
		System.out.println("Redis: " + redis);
		LettuceConnectionFactory connectionFactory = TestRedisConnections.lettuce(redis);
		JsonMapper jsonMapper = JsonMapper.builder().build();
		QlessTemplate qless = new QlessTemplate(connectionFactory, jsonMapper);
		RedisMessageListenerContainer listeners = new RedisMessageListenerContainer();
		listeners.setConnectionFactory(connectionFactory);
		listeners.setTaskExecutor(new SyncTaskExecutor());
		listeners.afterPropertiesSet();
		listeners.start();
		QlessEventSubscriber events = new QlessEventSubscriber(listeners, jsonMapper);
		try (RedisStats stats = new RedisStats(redis)) {
			ContainerBenchmark benchmark = new ContainerBenchmark(threadSchedules(stats));
			redis.flush();
			benchmark.naiveLoop(qless, Math.min(jobs, 5_000));
			int warmUp = Integer.getInteger("bench.warmup", jobs);
			if (warmUp > 0) {
				// The JIT compiles the container's path during the first rounds, on the cores
				// that Redis needs too, and each concurrency runs code the other does not (a
				// single handler thread rarely waits for a job): rounds at each concurrency,
				// not counted, until the JIT compilers' threads took less than a fifth of a
				// round (bench.jitShare; where Linux tells, else one round each), at most
				// bench.warmupPasses. On a busy machine the compilers get less of a core and
				// take longer: a lower share and more passes keep them out of the counted
				// rounds there.
				int passes = Integer.getInteger("bench.warmupPasses", 6);
				double settled = Double.parseDouble(System.getProperty("bench.jitShare", "0.2"));
				for (int pass = 1; pass <= passes; pass++) {
					double compiling = 0;
					for (int concurrency : concurrencies()) {
						System.out.println("warm-up round (not counted):");
						redis.flush();
						compiling = Math.max(compiling,
								benchmark.throughput(qless, jsonMapper, events, stats, warmUp, concurrency));
					}
					if (compiling < settled) {
						break;
					}
				}
			}
			for (int concurrency : concurrencies()) {
				redis.flush();
				benchmark.throughput(qless, jsonMapper, events, stats, jobs, concurrency);
			}
			redis.flush();
			int latencyWarmUp = Integer.getInteger("bench.latencyWarmup", 10_000);
			benchmark.latency(qless, jsonMapper, events, latencyWarmUp, latencyJobs);
			redis.flush();
		}
		finally {
			listeners.stop();
			listeners.destroy();
			connectionFactory.destroy();
		}
	}

	/**
	 * This process's threads and, when the Redis runs on this machine, the server's.
	 */
	private static ThreadSchedules threadSchedules(RedisStats stats) {
		Map<String, Path> processes = new TreeMap<>();
		processes.put("jvm", ThreadSchedules.self());
		Path redis = ThreadSchedules.process(stats.processId());
		try {
			if (Files.readString(redis.resolve("comm")).matches("(?s)(redis|valkey).*")) {
				processes.put("redis", redis);
			}
		}
		catch (IOException ex) {
			// another machine's, or a container's
		}
		return new ThreadSchedules(processes);
	}

	private static int[] concurrencies() {
		String list = System.getProperty("bench.concurrency", "1,8");
		return Arrays.stream(list.split(",")).mapToInt((value) -> Integer.parseInt(value.trim())).toArray();
	}

	private void naiveLoop(QlessTemplate qless, int jobs) {
		putAll(qless, "naive", jobs);
		long start = System.nanoTime();
		int done = 0;
		while (done < jobs) {
			List<Job> popped = qless.queue("naive").pop("naive-worker", 1);
			for (Job job : popped) {
				qless.jobs().complete(job.jid(), job.worker(), job.queue(), new RawJson(job.data()));
				done++;
			}
		}
		report("naive pop-one/complete-one loop", jobs, System.nanoTime() - start);
	}

	/**
	 * One round through a container of that concurrency.
	 * @return the share of the round's time that the JIT compilers' threads ran, 0 where
	 * it cannot be told
	 */
	private double throughput(QlessTemplate qless, JsonMapper jsonMapper, QlessEventSubscriber events,
			RedisStats stats, int jobs, int concurrency) throws Exception {
		String queue = "bench-c" + concurrency;
		Integer historyCount = Integer.getInteger("bench.historyCount");
		if (historyCount != null) {
			// Completed jobs kept: with fewer than a round's jobs, the completes expire the
			// oldest as a long-running Redis does (steady state), which costs Redis more.
			qless.config().set("jobs-history-count", historyCount);
		}
		RedisStats.Snapshot beforePut = stats.snapshot();
		putAll(qless, queue, jobs);
		RedisStats.Delta put = stats.snapshot().since(beforePut);
		CountDownLatch finished = new CountDownLatch(jobs);
		DefaultQlessListenerContainerFactory factory = factory(qless, jsonMapper, events, concurrency);
		factory.setObserver(new JobObserver() {
			@Override
			public void jobFinished(String q, String klass, String outcome, Duration handlerTime) {
				finished.countDown();
			}
		});
		QlessListenerContainer container = factory.createContainer(queue, List.of(endpoint(queue)));
		RedisStats.Snapshot beforeProcess = stats.snapshot();
		long cpuBefore = processCpuNanos();
		Map<String, long[]> threadsBefore = this.threadSchedules.snapshot();
		long start = System.nanoTime();
		container.start();
		if (!finished.await(10, TimeUnit.MINUTES)) {
			System.out.println("timed out with " + finished.getCount() + " jobs left");
		}
		long elapsed = System.nanoTime() - start;
		long cpu = processCpuNanos() - cpuBefore;
		Map<String, long[]> threadsAfter = this.threadSchedules.snapshot();
		RedisStats.Delta process = stats.snapshot().since(beforeProcess);
		report("container, concurrency " + concurrency + ", batch " + factory.getBatchSize(), jobs, elapsed);
		System.out.println("  put (bulk):  " + put.perJob(jobs));
		System.out.println("  process:     " + process.perJob(jobs));
		System.out.printf("  put+process: Redis CPU %.1f µs/job%n", (put.cpuSeconds() + process.cpuSeconds()) * 1e6 / jobs);
		System.out.printf("  process:     JVM CPU %.1f µs/job (this benchmark's whole process)%n", cpu / 1e3 / jobs);
		if (Boolean.getBoolean("bench.commands")) {
			put.topCommands(jobs, 8).forEach((line) -> System.out.println("    put commands     " + line));
			process.topCommands(jobs, 12).forEach((line) -> System.out.println("    process commands " + line));
		}
		printThreads(threadsBefore, threadsAfter, jobs);
		long compilers = ThreadSchedules.cpuNanos(threadsBefore, threadsAfter, "CompilerThre");
		double compiling = compilers / (double) elapsed;
		if (compilers > 0) {
			System.out.printf("  JIT compilers ran %.0f %% of the round%n", compiling * 100);
		}
		container.stop();
		return compiling;
	}

	/**
	 * Put → handler start with an idle worker: an uncounted round of {@code warmUpJobs} 1 ms
	 * apart, then {@code jobs} 2 ms apart, counted, on the same container. A single put and
	 * an idle worker's path run through code that the throughput rounds do not: the JIT
	 * compiles it while jobs come one at a time, on the cores that the hand-offs need, and
	 * stopping a container runs code that makes it compile some of it again; a service that
	 * has run for a while has it all compiled.
	 */
	private void latency(QlessTemplate qless, JsonMapper jsonMapper, QlessEventSubscriber events, int warmUpJobs,
			int jobs) throws Exception {
		String queue = "bench-latency";
		DefaultQlessListenerContainerFactory factory = factory(qless, jsonMapper, events, 1);
		factory.setIdlePollInterval(Duration.ofSeconds(5));
		QlessListenerContainer container = factory.createContainer(queue, List.of(endpoint(queue)));
		container.start();
		Thread.sleep(500);
		// When the put event reaches a subscriber of the application's subscription.
		QlessEventSubscriber.Subscription eventTimes = events.subscribe((event) -> {
			if (event instanceof QlessEvent.Put put && queue.equals(put.queue())) {
				this.eventAt = System.nanoTime();
			}
		});
		try {
			if (warmUpJobs > 0) {
				latencyRound(qless, queue, warmUpJobs, 1, "latency warm-up round (not counted): ");
			}
			Map<String, long[]> threadsBefore = this.threadSchedules.snapshot();
			latencyRound(qless, queue, jobs, 2, "");
			printThreads(threadsBefore, this.threadSchedules.snapshot(), jobs);
		}
		finally {
			eventTimes.cancel();
			container.stop();
		}
	}

	/**
	 * With {@code -Dbench.threads=true}, print each thread's CPU, wait for a core and time
	 * slices per job between two snapshots.
	 */
	private static void printThreads(Map<String, long[]> before, Map<String, long[]> after, int jobs) {
		if (Boolean.getBoolean("bench.threads")) {
			ThreadSchedules.perJob(before, after, jobs).forEach((line) -> System.out.println("    threads " + line));
		}
	}

	private void latencyRound(QlessTemplate qless, String queue, int jobs, long pauseMillis, String label)
			throws InterruptedException {
		long[] micros = new long[jobs];
		long[] putMicros = new long[jobs];
		long[] eventMicros = new long[jobs];
		this.started.drainPermits();
		for (int i = 0; i < jobs; i++) {
			long put = System.nanoTime();
			qless.queue(queue).put(KLASS, Map.of("i", i));
			long returned = System.nanoTime();
			// Block rather than spin: a spinning thread would take one of the machine's cores.
			this.started.acquire();
			micros[i] = (this.startedAt - put) / 1_000;
			putMicros[i] = (returned - put) / 1_000;
			eventMicros[i] = (this.eventAt - put) / 1_000;
			Thread.sleep(pauseMillis);
		}
		System.out.println(label + "put -> handler start, idle worker, " + jobs + " jobs: " + percentiles(micros));
		System.out.println("  of which the put call returned after:        " + percentiles(putMicros));
		System.out.println("  and the put event reached a subscriber after: " + percentiles(eventMicros));
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static String percentiles(long[] values) {
		long[] micros = values.clone();
		Arrays.sort(micros);
		int n = micros.length;
		return String.format("p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms", micros[n / 2] / 1000.0,
				micros[(int) (n * 0.9)] / 1000.0, micros[(int) (n * 0.99)] / 1000.0, micros[n - 1] / 1000.0);
	}

	private DefaultQlessListenerContainerFactory factory(QlessTemplate qless, JsonMapper jsonMapper,
			QlessEventSubscriber events, int concurrency) {
		DefaultQlessListenerContainerFactory factory = new DefaultQlessListenerContainerFactory(qless, jsonMapper);
		factory.setConcurrency(concurrency);
		factory.setBatchSize(Integer.getInteger("bench.batch", factory.getBatchSize()));
		factory.setEventSubscriber(events);
		if (Boolean.getBoolean("bench.virtualThreads")) {
			factory.setTaskExecutor(new VirtualThreadTaskExecutor("qless-bench-virtual-"));
		}
		return factory;
	}

	private QlessListenerEndpoint endpoint(String queue) {
		return new QlessListenerEndpoint(KLASS, queue, this,
				ReflectionUtils.findMethod(ContainerBenchmark.class, "noOp", Map.class), HandlerOptions.DEFAULTS);
	}

	void noOp(Map<String, Object> data) {
		this.startedAt = System.nanoTime();
		this.handled.incrementAndGet();
		this.started.release();
	}

	private static void putAll(QlessTemplate qless, String queue, int jobs) {
		List<PutRequest> requests = new ArrayList<>(1_000);
		int dataBytes = Integer.getInteger("bench.dataBytes", 0);
		String text = "x".repeat(dataBytes);
		for (int i = 0; i < jobs; i++) {
			requests.add(PutRequest.of(KLASS, (dataBytes > 0) ? Map.of("i", i, "text", text) : Map.of("i", i)));
			if (requests.size() == 1_000 || i == jobs - 1) {
				qless.queue(queue).putAll(requests);
				requests.clear();
			}
		}
	}

	private static void report(String what, int jobs, long nanos) {
		double seconds = nanos / 1e9;
		System.out.printf("%-45s %6d jobs in %6.2f s = %8.0f jobs/s%n", what, jobs, seconds, jobs / seconds);
	}

}
