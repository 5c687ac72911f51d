package io.qless.test;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A {@code redis-server} started from a binary on a free loopback port, with no
 * persistence, and stopped when the JVM exits.
 */
final class RedisServerProcess {

	private static final int ATTEMPTS = 3;

	private static final String SHELL = "/bin/sh";

	private static final long READY_TIMEOUT_MILLIS = 10_000;

	private RedisServerProcess() {
	}

	static @Nullable Path findBinary(@Nullable String path) {
		if (path == null || path.isBlank()) {
			return null;
		}
		for (String dir : path.split(File.pathSeparator)) {
			if (dir.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(dir, "redis-server");
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	static TestRedis start(Path binary) {
		Path dir = createWorkDirectory();
		TestRedisUnavailableException failure = null;
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			int port = freePort();
			try {
				Process process = launch(binary, port, dir);
				Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process), "qless-test-redis-stop"));
				return new TestRedis(RedisAddress.local(port), TestRedis.Source.LOCAL_BINARY, false);
			}
			catch (TestRedisUnavailableException ex) {
				failure = ex;
			}
		}
		throw failure;
	}

	private static Process launch(Path binary, int port, Path dir) {
		Path log = dir.resolve("redis-" + port + ".log");
		List<String> command = watched(List.of(binary.toString(), "--port", Integer.toString(port), "--bind",
				"127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString(), "--logfile",
				log.toString()));
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(dir.resolve("redis-" + port + ".out").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new TestRedisUnavailableException("Could not run " + binary + ": " + ex.getMessage(), ex);
		}
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new TestRedisUnavailableException(
						binary + " exited with code " + process.exitValue() + " on port " + port + "; see " + log);
			}
			try (RespConnection connection = RespConnection.open(RedisAddress.local(port))) {
				if ("PONG".equals(connection.call("PING"))) {
					return process;
				}
			}
			catch (RuntimeException ex) {
				// not ready yet
			}
			sleep(20);
		}
		stop(process);
		throw new TestRedisUnavailableException(binary + " did not answer on port " + port + " within "
				+ READY_TIMEOUT_MILLIS + " ms; see " + log);
	}

	/**
	 * Wrap the command in a small shell that stops redis-server when this JVM is gone, even
	 * if it was killed without running its shutdown hooks, so that no server is left
	 * behind. Without a POSIX shell the command runs as it is.
	 */
	static List<String> watched(List<String> command) {
		if (!Files.isExecutable(Path.of(SHELL))) {
			return command;
		}
		String watchdog = "\"$0\" \"$@\" & server=$!; trap 'kill $server 2>/dev/null; exit 0' TERM INT HUP; "
				+ "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null && kill -0 $server 2>/dev/null; "
				+ "do sleep 1; done; kill $server 2>/dev/null; wait $server";
		List<String> wrapped = new java.util.ArrayList<>(List.of(SHELL, "-c", watchdog));
		wrapped.addAll(command);
		return wrapped;
	}

	private static void stop(Process process) {
		process.destroy();
		try {
			if (!process.waitFor(5, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new TestRedisUnavailableException("No free loopback port: " + ex.getMessage(), ex);
		}
	}

	private static Path createWorkDirectory() {
		try {
			Path dir = Files.createTempDirectory("qless-test-redis-");
			dir.toFile().deleteOnExit();
			return dir;
		}
		catch (IOException ex) {
			throw new TestRedisUnavailableException("Cannot create a directory for redis-server: " + ex.getMessage(), ex);
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TestRedisUnavailableException("Interrupted while waiting for redis-server", ex);
		}
	}

}
