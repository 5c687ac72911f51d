package io.qless.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class RedisServerProcessTests {

	@Test
	void serverStartedThroughTheWatchdogStopsWithIt() throws Exception {
		Path binary = RedisServerProcess.findBinary(System.getenv("PATH"));
		assumeThat(binary).as("redis-server on PATH").isNotNull();
		assumeThat(Files.isExecutable(Path.of("/bin/sh"))).as("a POSIX shell").isTrue();
		int port = freePort();
		List<String> command = RedisServerProcess.watched(List.of(binary.toString(), "--port",
				Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
		assertThat(command.get(0)).isEqualTo("/bin/sh");

		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		try {
			assertThat(awaitPort(port, true)).as("server answers").isTrue();
		}
		finally {
			process.destroy();
		}

		assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
		assertThat(awaitPort(port, false)).as("server gone with its watchdog").isTrue();
	}

	private static boolean awaitPort(int port, boolean open) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			if (answers(port) == open) {
				return true;
			}
			Thread.sleep(20);
		}
		return false;
	}

	private static boolean answers(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
