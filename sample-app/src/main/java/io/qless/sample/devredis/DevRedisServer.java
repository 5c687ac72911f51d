package io.qless.sample.devredis;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

/**
 * A throw-away Redis for development: a {@code redis-server} binary from {@code PATH}, or
 * the one embedded in {@code org.signal:embedded-redis}.
 */
final class DevRedisServer {

	private final int port;

	private final String description;

	private DevRedisServer(int port, String description) {
		this.port = port;
		this.description = description;
	}

	int port() {
		return this.port;
	}

	String description() {
		return this.description;
	}

	static DevRedisServer start() {
		return start(findOnPath());
	}

	static DevRedisServer start(@Nullable Path binary) {
		int port = freePort();
		try {
			if (binary != null) {
				Process process = new ProcessBuilder(List.of(binary.toString(), "--port", Integer.toString(port), "--bind",
						"127.0.0.1", "--save", "", "--appendonly", "no"))
					.redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.DISCARD)
					.start();
				Runtime.getRuntime().addShutdownHook(new Thread(process::destroy, "dev-redis-stop"));
				awaitPort(port);
				return new DevRedisServer(port, "redis-server (" + binary + ")");
			}
			RedisServer server = RedisServer.builder()
				.port(port)
				.bind("127.0.0.1")
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
			server.start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(server), "dev-redis-stop"));
			awaitPort(port);
			return new DevRedisServer(port, "embedded Redis 7.0");
		}
		catch (IOException | RuntimeException ex) {
			throw new IllegalStateException("Could not start a development Redis: " + ex.getMessage()
					+ ". Install Redis or set spring.data.redis.url.", ex);
		}
	}

	private static @Nullable Path findOnPath() {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String dir : path.split(File.pathSeparator)) {
			Path candidate = Path.of(dir, "redis-server");
			if (!dir.isEmpty() && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	private static void awaitPort(int port) throws IOException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			if (DevRedisEnvironmentPostProcessor.answers("127.0.0.1", port)) {
				return;
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted", ex);
			}
		}
		throw new IOException("Redis did not answer on port " + port + " within 10 s");
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port for a development Redis", ex);
		}
	}

	private static void stopQuietly(RedisServer server) {
		try {
			server.stop();
		}
		catch (RuntimeException ex) {
			// the JVM is exiting anyway
		}
	}

}
