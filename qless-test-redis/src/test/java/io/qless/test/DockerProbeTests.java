package io.qless.test;

import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DockerProbeTests {

	@Test
	void answerIsReturned() {
		assertThat(DockerProbe.ask(() -> true, 1_000)).isTrue();
		assertThat(DockerProbe.ask(() -> false, 1_000)).isFalse();
	}

	@Test
	void questionThatNeverReturnsCountsAsNoDocker() {
		CountDownLatch never = new CountDownLatch(1);
		boolean answer = DockerProbe.ask(() -> {
			try {
				never.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return true;
		}, 200);
		assertThat(answer).isFalse();
	}

	@Test
	void questionThatThrowsCountsAsNoDocker() {
		assertThat(DockerProbe.ask(() -> {
			throw new IllegalStateException("no socket");
		}, 1_000)).isFalse();
	}

}
