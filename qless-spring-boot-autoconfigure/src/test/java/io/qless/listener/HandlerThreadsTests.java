package io.qless.listener;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The container's own handler threads: as many jobs at once as the concurrency allows, no
 * job left waiting behind a handler that blocks while a thread is free, replacement
 * threads for handlers that ignore their interrupt, and the shutdown a stopping container
 * relies on.
 */
class HandlerThreadsTests {

	private static final long WAIT_SECONDS = 10;

	private HandlerThreads threads;

	@AfterEach
	void shutdown() {
		if (this.threads != null) {
			this.threads.shutdownNow();
		}
	}

	@Test
	void asManyJobsRunAtOnceAsTheConcurrencyAllows() throws Exception {
		this.threads = new HandlerThreads("orders", 4);
		CyclicBarrier allRunning = new CyclicBarrier(4);
		CountDownLatch passed = new CountDownLatch(4);
		Set<String> names = ConcurrentHashMap.newKeySet();
		for (int i = 0; i < 4; i++) {
			this.threads.execute(() -> {
				names.add(Thread.currentThread().getName());
				await(allRunning);
				passed.countDown();
			});
		}
		assertThat(passed.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("four jobs ran at once").isTrue();
		assertThat(names).containsExactlyInAnyOrder("qless-orders-1", "qless-orders-2", "qless-orders-3",
				"qless-orders-4");
	}

	@Test
	void slowJobsEachGetAThreadAfterFastOnes() throws Exception {
		this.threads = new HandlerThreads("orders", 4);
		runAndWait(200, () -> {
		});
		runAndWait(8, () -> sleep(20));
		CyclicBarrier allRunning = new CyclicBarrier(4);
		CountDownLatch passed = new CountDownLatch(4);
		for (int i = 0; i < 4; i++) {
			this.threads.execute(() -> {
				await(allRunning);
				passed.countDown();
			});
		}
		assertThat(passed.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("four jobs ran at once").isTrue();
	}

	@Test
	void jobsThatReturnAtOnceRunOnFewThreads() throws Exception {
		this.threads = new HandlerThreads("orders", 8);
		List<Integer> threadsPerRound = new ArrayList<>();
		for (int round = 0; round < 30; round++) {
			Set<String> names = ConcurrentHashMap.newKeySet();
			CountDownLatch done = new CountDownLatch(64);
			for (int i = 0; i < 64; i++) {
				// handed out a few microseconds apart, as a container hands out an answer's jobs
				spin(5_000);
				this.threads.execute(() -> {
					names.add(Thread.currentThread().getName());
					done.countDown();
				});
			}
			assertThat(done.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
			threadsPerRound.add(names.size());
		}
		// each thread woken costs more than the job it takes: most rounds run on one thread
		// and the one watching (a thread may stand in for one the machine did not schedule)
		Collections.sort(threadsPerRound);
		assertThat(threadsPerRound.get(threadsPerRound.size() / 2)).as("threads per round of 64, median of %s",
				threadsPerRound).isLessThanOrEqualTo(2);
	}

	@Test
	void jobsQueuedBehindAHandlerThatBlocksRunOnAFreeThread() throws Exception {
		this.threads = new HandlerThreads("orders", 4);
		// after thousands of no-op jobs (a pool that sized itself by the jobs seen would use one thread)
		for (int round = 0; round < 20; round++) {
			runAndWait(100, () -> {
			});
		}
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean blocked = new AtomicBoolean(true);
		this.threads.execute(() -> {
			await(release);
			blocked.set(false);
		});
		CountDownLatch others = new CountDownLatch(20);
		for (int i = 0; i < 20; i++) {
			this.threads.execute(others::countDown);
		}
		assertThat(others.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the jobs after the blocked one ran").isTrue();
		assertThat(blocked).as("while it still blocked").isTrue();
		release.countDown();
	}

	@Test
	void noThreadWakesPeriodicallyWhileLongHandlersRunAndNoJobWaits() throws Exception {
		startThreeThreadsRunningNoOps("watching");
		CountDownLatch release = new CountDownLatch(1);
		// a short job, and a long one queued behind it: a parked thread watches the queue
		this.threads.execute(() -> sleep(2));
		this.threads.execute(() -> await(release));
		// a watching thread is seen between two timed parks now and then: ask for 200 ms
		// in which no look finds one
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
		List<String> timedWaits = List.of();
		int quietLooks = 0;
		while (quietLooks < 20 && System.nanoTime() < deadline) {
			Thread.sleep(10);
			timedWaits = timedWaits("qless-watching-");
			quietLooks = timedWaits.isEmpty() ? quietLooks + 1 : 0;
		}
		assertThat(timedWaits).as("threads in timed parks while the long job runs").isEmpty();
		assertThat(quietLooks).isEqualTo(20);
		release.countDown();
	}

	private static List<String> timedWaits(String prefix) {
		List<String> names = new ArrayList<>();
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith(prefix) && thread.getState() == Thread.State.TIMED_WAITING) {
				names.add(thread.getName());
			}
		}
		return names;
	}

	@Test
	void aHandlerThatThrowsIsReportedAndTheNextJobsRun() throws Exception {
		this.threads = new HandlerThreads("orders", 1);
		Set<String> seen = ConcurrentHashMap.newKeySet();
		CountDownLatch reported = new CountDownLatch(1);
		CountDownLatch ran = new CountDownLatch(1);
		this.threads.execute(() -> {
			Thread.currentThread().setUncaughtExceptionHandler((thread, ex) -> {
				seen.add("reported: " + ex.getMessage());
				reported.countDown();
			});
			throw new IllegalStateException("gnomes");
		});
		this.threads.execute(() -> {
			seen.add("ran");
			ran.countDown();
		});
		assertThat(ran.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the next job ran").isTrue();
		assertThat(reported.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("the exception was reported").isTrue();
		assertThat(seen).containsExactlyInAnyOrder("reported: gnomes", "ran");
	}

	@Test
	void aReplacementRunsTheJobsWhileAHandlerIgnoresItsInterrupt() throws Exception {
		this.threads = new HandlerThreads("orders", 1);
		CountDownLatch release = new CountDownLatch(1);
		this.threads.execute(() -> {
			while (release.getCount() > 0) {
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					// ignores it, as some handlers do
				}
			}
		});
		CountDownLatch next = new CountDownLatch(1);
		this.threads.execute(next::countDown);
		assertThat(next.await(200, TimeUnit.MILLISECONDS)).as("one thread, and it is held").isFalse();

		this.threads.addReplacement();
		assertThat(this.threads.size()).isEqualTo(2);
		assertThat(next.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("ran on the replacement").isTrue();

		release.countDown();
		this.threads.removeReplacement();
		assertThat(this.threads.size()).isEqualTo(1);
		runAndWait(10, () -> {
		});
	}

	@Test
	void shutdownRunsTheJobsQueuedAndRefusesNewOnes() throws Exception {
		this.threads = new HandlerThreads("orders", 1);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch ran = new CountDownLatch(3);
		this.threads.execute(() -> {
			await(release);
			ran.countDown();
		});
		this.threads.execute(ran::countDown);
		this.threads.execute(ran::countDown);

		this.threads.shutdown();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.threads.execute(() -> {
		}));
		release.countDown();
		assertThat(ran.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void shutdownEndsEveryThreadOnceTheQueuedJobsRan() throws Exception {
		startThreeThreadsRunningNoOps("draining");
		CountDownLatch release = new CountDownLatch(1);
		this.threads.execute(() -> await(release));
		CountDownLatch ran = new CountDownLatch(5);
		for (int i = 0; i < 5; i++) {
			this.threads.execute(ran::countDown);
		}
		this.threads.shutdown();
		release.countDown();
		assertThat(ran.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
		// the threads are not daemons: an application whose pool kept one could not exit
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (thread.getName().startsWith("qless-draining-")) {
				thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
				assertThat(thread.isAlive()).as(thread.getName()).isFalse();
			}
		}
	}

	@Test
	void shutdownNowInterruptsTheRunningHandlersAndDropsTheQueuedJobs() throws Exception {
		this.threads = new HandlerThreads("orders", 1);
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		AtomicBoolean queuedRan = new AtomicBoolean();
		AtomicReference<Thread> handlerThread = new AtomicReference<>();
		this.threads.execute(() -> {
			handlerThread.set(Thread.currentThread());
			started.countDown();
			try {
				Thread.sleep(60_000);
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
			}
		});
		this.threads.execute(() -> queuedRan.set(true));
		assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

		this.threads.shutdownNow();
		assertThat(interrupted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
		// the pool's only thread ends: the queued job ran on it before that, or never
		handlerThread.get().join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
		assertThat(handlerThread.get().isAlive()).isFalse();
		assertThat(queuedRan).isFalse();
	}

	/**
	 * A pool of three threads, all started, whose jobs so far returned at once.
	 */
	private void startThreeThreadsRunningNoOps(String queue) throws InterruptedException {
		this.threads = new HandlerThreads(queue, 3);
		CyclicBarrier allRunning = new CyclicBarrier(3);
		runAndWait(3, () -> await(allRunning));
		runAndWait(100, () -> {
		});
	}

	private void runAndWait(int jobs, Runnable job) throws InterruptedException {
		CountDownLatch done = new CountDownLatch(jobs);
		for (int i = 0; i < jobs; i++) {
			this.threads.execute(() -> {
				job.run();
				done.countDown();
			});
		}
		assertThat(done.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await(WAIT_SECONDS, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void spin(long nanos) {
		long end = System.nanoTime() + nanos;
		while (System.nanoTime() < end) {
			Thread.onSpinWait();
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
