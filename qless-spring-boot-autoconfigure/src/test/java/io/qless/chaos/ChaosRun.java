package io.qless.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.qless.core.HistoryEntry;
import io.qless.core.Job;
import io.qless.core.JobState;
import io.qless.core.PutRequest;
import io.qless.core.QlessTemplate;
import io.qless.core.QueueCounts;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A chaos run (not a test: it prints what it found). Starts a private Redis with an
 * append-only file, puts jobs, starts worker JVMs ({@link ChaosWorker}), and while they
 * work kills workers with {@code kill -9} (starting new ones), stops Redis with SIGTERM and
 * later with SIGKILL and restarts it from its AOF. Then it checks: jobs not complete (lost),
 * jobs whose handlers ran on two workers at once (from the workers' logs; a killed worker's
 * run ends when it was killed), histories out of time order, and script calls slower than
 * 10 ms ({@code SLOWLOG}).
 * <p>
 * Run: {@code java -cp <test classpath> io.qless.chaos.ChaosRun [jobs] [workers] [kills]}
 * (defaults 10000, 4, 3).
 */
public final class ChaosRun {

	private final Path dir;

	private final int port;

	private final Random random = new Random(42);

	private final List<Worker> workers = new ArrayList<>();

	private final Map<String, Long> deaths = new HashMap<>();

	private Process redis;

	private int generation;

	private ChaosRun(Path dir, int port) {
		this.dir = dir;
		this.port = port;
	}

	public static void main(String[] args) throws Exception {
		int jobs = (args.length > 0) ? Integer.parseInt(args[0]) : 10_000;
		int workerCount = (args.length > 1) ? Integer.parseInt(args[1]) : 4;
		int kills = (args.length > 2) ? Integer.parseInt(args[2]) : 3;
		ChaosRun run = new ChaosRun(Files.createTempDirectory("qless-chaos-"), freePort());
		System.out.println("chaos run in " + run.dir + ", Redis on port " + run.port);
		try {
			run.execute(jobs, workerCount, kills);
		}
		finally {
			run.workers.forEach((worker) -> worker.process().destroyForcibly());
			if (run.redis != null) {
				run.redis.destroyForcibly();
			}
		}
		System.exit(0);
	}

	private void execute(int jobs, int workerCount, int kills) throws Exception {
		startRedis();
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", this.port));
		connectionFactory.afterPropertiesSet();
		connectionFactory.start();
		QlessTemplate qless = new QlessTemplate(connectionFactory, JsonMapper.builder().build());
		qless.config().set("heartbeat", 10);
		List<PutRequest> requests = new ArrayList<>();
		List<String> jids = new ArrayList<>();
		for (int i = 0; i < jobs; i++) {
			requests.add(PutRequest.of("Chaos", Map.of("n", i)).retries(20));
			if (requests.size() == 1_000 || i == jobs - 1) {
				qless.queue("chaos").putAll(requests).forEach((result) -> jids.add(result.getRequired()));
				requests.clear();
			}
		}
		for (int i = 0; i < workerCount; i++) {
			startWorker();
		}
		long start = System.nanoTime();
		List<Runnable> events = new ArrayList<>();
		for (int i = 0; i < kills; i++) {
			events.add(this::killWorker);
		}
		events.add(() -> restartRedis("-TERM"));
		events.add(() -> restartRedis("-KILL"));
		java.util.Collections.shuffle(events, this.random);
		for (Runnable event : events) {
			Thread.sleep(2_000 + this.random.nextInt(2_000));
			event.run();
		}
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
		long complete = 0;
		while (System.nanoTime() < deadline) {
			try {
				complete = countComplete(qless, jobs);
				if (complete >= jobs) {
					break;
				}
			}
			catch (RuntimeException ex) {
				// Redis still coming back
			}
			Thread.sleep(1_000);
		}
		System.out.printf("run took %.1f s; %d of %d jobs complete%n", (System.nanoTime() - start) / 1e9, complete,
				jobs);
		for (Worker worker : this.workers) {
			worker.process().destroy();
			worker.process().waitFor(20, TimeUnit.SECONDS);
		}
		check(qless, jids);
		connectionFactory.destroy();
	}

	private static long countComplete(QlessTemplate qless, int jobs) {
		QueueCounts counts = qless.queue("chaos").counts();
		return jobs - (counts.waiting() + counts.running() + counts.stalled() + counts.scheduled());
	}

	private void check(QlessTemplate qless, List<String> jids) throws IOException {
		// Every job put, and its history.
		Map<JobState, Integer> states = new TreeMap<>();
		int outOfOrder = 0;
		int seen = 0;
		for (int i = 0; i < jids.size(); i += 100) {
			for (Job job : qless.jobs().get(jids.subList(i, Math.min(jids.size(), i + 100)))) {
				seen++;
				states.merge(job.state(), 1, Integer::sum);
				List<HistoryEntry> history = job.history();
				for (int h = 1; h < history.size(); h++) {
					if (history.get(h).when() < history.get(h - 1).when()) {
						outOfOrder++;
						System.out.println("history out of time order: " + job.jid() + " " + history);
						break;
					}
				}
			}
		}
		System.out.println("jobs by state: " + states + "; lost (no longer in Redis): " + (jids.size() - seen));
		System.out.println("histories out of time order: " + outOfOrder);
		System.out.println("jobs run on two workers at once: " + concurrentRuns());
		try (RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", this.port));
				StatefulRedisConnection<String, String> connection = client.connect()) {
			List<Object> slow = connection.sync().slowlogGet(128);
			System.out.println("script calls over 10 ms since the last Redis start (SLOWLOG): " + slow.size());
			slow.forEach((entry) -> System.out.println("  " + entry));
		}
	}

	private List<String> concurrentRuns() throws IOException {
		Map<String, List<long[]>> runs = new HashMap<>();
		for (Worker worker : this.workers) {
			Map<String, Long> open = new HashMap<>();
			for (String line : Files.readAllLines(worker.log())) {
				String[] parts = line.split(" ");
				if (parts.length != 3) {
					continue;
				}
				long at = Long.parseLong(parts[2]);
				if (parts[0].equals("start")) {
					open.put(parts[1], at);
				}
				else {
					Long began = open.remove(parts[1]);
					if (began != null) {
						runs.computeIfAbsent(parts[1], (k) -> new ArrayList<>()).add(new long[] { began, at });
					}
				}
			}
			long died = this.deaths.getOrDefault(worker.name(), Long.MAX_VALUE);
			open.forEach((jid, began) -> runs.computeIfAbsent(jid, (k) -> new ArrayList<>())
				.add(new long[] { began, died }));
		}
		List<String> concurrent = new ArrayList<>();
		runs.forEach((jid, intervals) -> {
			for (int i = 0; i < intervals.size(); i++) {
				for (int j = i + 1; j < intervals.size(); j++) {
					long[] a = intervals.get(i);
					long[] b = intervals.get(j);
					if (a[0] < b[1] && b[0] < a[1]) {
						concurrent.add(jid);
						return;
					}
				}
			}
		});
		return concurrent;
	}

	private void startWorker() {
		String name = "chaos-" + (++this.generation);
		Path log = this.dir.resolve(name + ".log");
		try {
			Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
					"-cp", System.getProperty("java.class.path"), ChaosWorker.class.getName(),
					Integer.toString(this.port), name, log.toString())
				.redirectErrorStream(true)
				.redirectOutput(this.dir.resolve(name + ".out").toFile())
				.start();
			this.workers.add(new Worker(name, process, log));
			System.out.println("started worker " + name);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void killWorker() {
		List<Worker> alive = this.workers.stream().filter((worker) -> worker.process().isAlive()).toList();
		Worker victim = alive.get(this.random.nextInt(alive.size()));
		victim.process().destroyForcibly();
		this.deaths.put(victim.name(), System.currentTimeMillis());
		System.out.println("kill -9 worker " + victim.name());
		startWorker();
	}

	private void restartRedis(String signal) {
		try {
			new ProcessBuilder("kill", signal, Long.toString(this.redis.pid())).start().waitFor();
			this.redis.waitFor(20, TimeUnit.SECONDS);
			System.out.println("Redis stopped with SIG" + signal.substring(1));
			Thread.sleep(2_000);
			startRedis();
			System.out.println("Redis restarted from its AOF");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void startRedis() throws IOException {
		this.redis = new ProcessBuilder("redis-server", "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
				"--dir", this.dir.toString(), "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
				"--slowlog-log-slower-than", "10000", "--slowlog-max-len", "128")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(this.dir.resolve("redis.log").toFile()))
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
				return;
			}
			catch (IOException ex) {
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private record Worker(String name, Process process, Path log) {
	}

}
