package io.qless.deployment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.qless.listener.RestartableRedis;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * A {@code redis-server} (or a sentinel) of a test's own on a free loopback port, with no
 * persistence, started with the arguments the test gives and killed at the end. It never
 * touches the shared test Redis.
 */
final class RedisProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private final Path dir;

	private RedisProcess(Process process, int port, Path dir) {
		this.process = process;
		this.port = port;
		this.dir = dir;
	}

	/**
	 * Start a server, or skip the test when no {@code redis-server} is on the path.
	 * @param dir the working directory (the log goes there)
	 * @param port the port the server listens on (plain or TLS, as {@code arguments} say)
	 * @param arguments arguments after the binary: a configuration file and options
	 */
	static RedisProcess start(Path dir, int port, List<String> arguments) throws IOException, InterruptedException {
		return start(dir, port, arguments, List.of("--save", "", "--appendonly", "no"));
	}

	/**
	 * Start a sentinel, or skip the test when no {@code redis-server} is on the path.
	 * @param dir the working directory (the log goes there)
	 * @param port the port the sentinel listens on
	 * @param configuration the sentinel's configuration file (a sentinel rewrites it)
	 */
	static RedisProcess startSentinel(Path dir, int port, Path configuration) throws IOException, InterruptedException {
		return start(dir, port, List.of(configuration.toString(), "--sentinel", "--port", Integer.toString(port)),
				List.of());
	}

	private static RedisProcess start(Path dir, int port, List<String> arguments, List<String> persistence)
			throws IOException, InterruptedException {
		Path binary = RestartableRedis.findBinary();
		assumeThat(binary).as("redis-server on PATH").isNotNull();
		List<String> command = new ArrayList<>();
		command.add(binary.toString());
		command.addAll(arguments);
		command.addAll(List.of("--bind", "127.0.0.1", "--dir", dir.toString(), "--logfile",
				dir.resolve("redis-" + port + ".log").toString()));
		command.addAll(persistence);
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(dir.resolve("redis-" + port + ".out").toFile())
			.start();
		RedisProcess redis = new RedisProcess(process, port, dir);
		redis.awaitListening();
		return redis;
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	int port() {
		return this.port;
	}

	/**
	 * Kill the server the way a crash does (SIGKILL): nothing is saved, clients are cut off.
	 */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(10, TimeUnit.SECONDS);
	}

	String log() {
		try {
			return Files.readString(this.dir.resolve("redis-" + this.port + ".log"));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private void awaitListening() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("redis-server on port " + this.port + " exited with "
						+ this.process.exitValue() + ":\n" + log() + output());
			}
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
				return;
			}
			catch (IOException ex) {
				Thread.sleep(20);
			}
		}
		throw new IllegalStateException("redis-server did not listen on port " + this.port + ":\n" + log());
	}

	private @Nullable String output() {
		try {
			return Files.readString(this.dir.resolve("redis-" + this.port + ".out"));
		}
		catch (IOException ex) {
			return null;
		}
	}

	@Override
	public void close() {
		this.process.destroyForcibly();
	}

}
