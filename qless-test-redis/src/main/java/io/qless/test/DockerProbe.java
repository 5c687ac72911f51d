package io.qless.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Asks whether a Docker engine answers, within a hard time limit. The question runs on a
 * daemon thread because the Docker client can wait forever on a socket that accepts but
 * never answers; after one time-out, Docker is never asked again in this JVM.
 */
final class DockerProbe {

	static final long TIMEOUT_MILLIS = 3_000;

	private static volatile boolean gaveUp;

	private DockerProbe() {
	}

	static boolean dockerAvailable() {
		if (gaveUp || !testcontainersPresent() || !engineMayExist()) {
			return false;
		}
		boolean available = ask(TestcontainersRedis::dockerAvailable, TIMEOUT_MILLIS);
		if (!available) {
			gaveUp = true;
		}
		return available;
	}

	/**
	 * Run {@code question} on a daemon thread and wait at most {@code timeoutMillis}.
	 * @return the answer, or {@code false} on a time-out or an error
	 */
	static boolean ask(BooleanSupplier question, long timeoutMillis) {
		CompletableFuture<Boolean> answer = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				answer.complete(question.getAsBoolean());
			}
			catch (Throwable ex) {
				answer.complete(false);
			}
		}, "qless-test-docker-probe");
		thread.setDaemon(true);
		thread.start();
		try {
			return answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static boolean testcontainersPresent() {
		try {
			Class.forName("org.testcontainers.DockerClientFactory", false, DockerProbe.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	private static boolean engineMayExist() {
		if (System.getenv("DOCKER_HOST") != null) {
			return true;
		}
		Path home = Path.of(System.getProperty("user.home", "/"));
		return Files.exists(Path.of("/var/run/docker.sock")) || Files.exists(home.resolve(".docker/run/docker.sock"))
				|| Files.exists(home.resolve(".testcontainers.properties"));
	}

}
