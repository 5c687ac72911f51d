package io.qless.listener;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A redis-server of a test's own, on a fixed port, that the test can shut down (saving its
 * data, like a restart) and start again. Only for outage tests: it never touches the
 * shared test Redis.
 */
public final class RestartableRedis implements AutoCloseable {

	private final Path binary;

	private final Path dir;

	private final int port;

	private @Nullable Process process;

	private RestartableRedis(Path binary, Path dir, int port) {
		this.binary = binary;
		this.dir = dir;
		this.port = port;
	}

	public static @Nullable Path findBinary() {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String entry : path.split(File.pathSeparator)) {
			Path candidate = Path.of(entry, "redis-server");
			if (!entry.isEmpty() && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	public static RestartableRedis start(Path binary) throws IOException, InterruptedException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		RestartableRedis redis = new RestartableRedis(binary, Files.createTempDirectory("qless-outage-"), port);
		redis.start();
		return redis;
	}

	public int port() {
		return this.port;
	}

	public void start() throws IOException, InterruptedException {
		this.process = new ProcessBuilder(List.of(this.binary.toString(), "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--dir", this.dir.toString(), "--save", "", "--appendonly", "no"))
			.redirectErrorStream(true)
			.redirectOutput(this.dir.resolve("redis.log").toFile())
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			if (answers()) {
				return;
			}
			Thread.sleep(20);
		}
		throw new IllegalStateException("redis-server did not start on port " + this.port);
	}

	/**
	 * Shut the server down the way a restart does: data saved to disk, clients cut off.
	 */
	public void shutdownSaving() throws IOException, InterruptedException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			OutputStream out = socket.getOutputStream();
			out.write("SHUTDOWN SAVE\r\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
			socket.getInputStream().read();
		}
		catch (IOException ex) {
			// the server closes the connection as it exits
		}
		Process running = this.process;
		if (running != null) {
			running.waitFor(10, TimeUnit.SECONDS);
		}
	}

	/**
	 * Freeze the server (SIGSTOP): connections stay open, and what clients write waits in
	 * the socket buffers until {@link #thaw()}.
	 */
	public void freeze() throws IOException, InterruptedException {
		signal("-STOP");
	}

	/**
	 * Let a frozen server run again (SIGCONT): it then runs what clients wrote meanwhile.
	 */
	public void thaw() throws IOException, InterruptedException {
		signal("-CONT");
	}

	private void signal(String signal) throws IOException, InterruptedException {
		Process running = this.process;
		if (running == null) {
			throw new IllegalStateException("not started");
		}
		new ProcessBuilder("kill", signal, Long.toString(running.pid())).inheritIO().start().waitFor();
	}

	private boolean answers() {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		Process running = this.process;
		if (running != null) {
			running.destroy();
		}
	}

}
