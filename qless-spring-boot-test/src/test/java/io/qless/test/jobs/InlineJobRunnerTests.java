package io.qless.test.jobs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InlineJobRunnerTests {

	private final InlineJobRunner runner = new InlineJobRunner();

	private final List<Thread> ranOn = new CopyOnWriteArrayList<>();

	@Test
	void runsJobsOnTheWaitingThreadAndMarksThemAsHandlers() {
		List<Boolean> marked = new CopyOnWriteArrayList<>();
		boolean done = this.runner.runUntil(() -> !this.ranOn.isEmpty(), deadline());
		assertThat(done).isFalse();

		try (InlineJobRunner.Waiting waiting = this.runner.await()) {
			this.runner.execute(() -> {
				this.ranOn.add(Thread.currentThread());
				marked.add(this.runner.isRunningHandler());
			});
			assertThat(this.runner.hasPending()).isTrue();
			assertThat(this.runner.runPending()).isTrue();
		}

		assertThat(this.ranOn).containsExactly(Thread.currentThread());
		assertThat(marked).containsExactly(true);
		assertThat(this.runner.isRunningHandler()).isFalse();
	}

	@Test
	void runsJobsOnThreadsOfTheirOwnWhenNoThreadWaits() throws InterruptedException {
		CountDownLatch ran = new CountDownLatch(1);
		this.runner.execute(() -> {
			this.ranOn.add(Thread.currentThread());
			ran.countDown();
		});

		assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.ranOn).doesNotContain(Thread.currentThread());
	}

	@Test
	void handsOverWhatIsLeftWhenTheLastThreadStopsWaiting() throws InterruptedException {
		CountDownLatch ran = new CountDownLatch(1);
		try (InlineJobRunner.Waiting waiting = this.runner.await()) {
			this.runner.execute(ran::countDown);
		}

		assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(this.runner.hasPending()).isFalse();
	}

	private static long deadline() {
		return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
	}

}
