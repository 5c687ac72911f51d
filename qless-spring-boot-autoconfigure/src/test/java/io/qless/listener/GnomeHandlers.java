package io.qless.listener;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.qless.annotation.QlessJob;
import io.qless.annotation.QueueHandler;
import io.qless.handler.JobHeader;
import io.qless.handler.Next;
import io.qless.handler.QlessJobContext;

/**
 * Handlers the container tests drive; each records what it saw.
 */
@QlessJob("gnomes.GnomesJob")
class GnomeHandlers {

	final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

	final BlockingQueue<Underpants> orders = new LinkedBlockingQueue<>();

	final BlockingQueue<Long> attempts = new LinkedBlockingQueue<>();

	final AtomicInteger running = new AtomicInteger();

	final AtomicInteger maxRunning = new AtomicInteger();

	volatile CyclicBarrier barrier = new CyclicBarrier(4);

	volatile CountDownLatch started = new CountDownLatch(1);

	volatile CountDownLatch release = new CountDownLatch(1);

	final BlockingQueue<String> interrupted = new LinkedBlockingQueue<>();

	@QueueHandler("underpants")
	Next underpants(Underpants order, @JobHeader(JobHeader.JID) String jid) {
		this.orders.add(order);
		this.seen.add("underpants:" + jid);
		return Next.queue("unknown");
	}

	@QueueHandler("unknown")
	Next unknown(Underpants order, QlessJobContext job) {
		this.seen.add("unknown:" + job.jid());
		return Next.queue("profit");
	}

	@QueueHandler("profit")
	void profit(Underpants order, @JobHeader(JobHeader.JID) String jid) {
		this.seen.add("profit:" + jid);
	}

	@QueueHandler("flaky")
	void flaky(Underpants order) {
		this.attempts.add(System.nanoTime());
		throw new IllegalStateException("gnomes are out of underpants");
	}

	@QueueHandler("bad")
	void bad(Underpants order) {
		throw new IllegalArgumentException("no address for " + order.address());
	}

	@QueueHandler(value = "parallel", concurrency = "4")
	void parallel(Underpants order) throws Exception {
		int now = this.running.incrementAndGet();
		this.maxRunning.accumulateAndGet(now, Math::max);
		try {
			this.barrier.await(10, TimeUnit.SECONDS);
		}
		finally {
			this.running.decrementAndGet();
		}
	}

	@QueueHandler(value = "mixed", concurrency = "4")
	void mixed(Underpants order, @JobHeader(JobHeader.JID) String jid) throws InterruptedException {
		if (order.address().equals("stuck")) {
			this.started.countDown();
			this.release.await();
		}
		this.seen.add("mixed:" + jid);
	}

	@QueueHandler("slow")
	void slow(Underpants order, @JobHeader(JobHeader.JID) String jid) throws InterruptedException {
		this.started.countDown();
		try {
			this.release.await();
		}
		catch (InterruptedException ex) {
			this.interrupted.add(jid);
			throw ex;
		}
		this.seen.add("slow:" + jid);
	}

	@QueueHandler("reclaim")
	void reclaim(Underpants order, @JobHeader(JobHeader.JID) String jid) {
		this.seen.add("reclaim:" + jid);
	}

	@QueueHandler("reporting")
	void reporting(Underpants order, QlessJobContext job) {
		job.log("counted underpants", java.util.Map.of("sizes", order.sizes().size()));
		job.progress(50);
		job.progress(java.util.Map.of("done", 1, "of", 1));
	}

	@QueueHandler("explicit-fail")
	void explicitFail(Underpants order, QlessJobContext job) {
		job.fail("gnome-rules", "no underpants on Sundays");
	}

	@QueueHandler("explicit-next")
	void explicitNext(Underpants order, QlessJobContext job) {
		job.complete(Next.queue("profit"));
	}

	@QueueHandler("explicit-retry")
	void explicitRetry(Underpants order, QlessJobContext job) {
		this.seen.add("explicit-retry:" + job.retriesLeft());
		if (job.retriesLeft() == job.retries()) {
			job.retry(java.time.Duration.ZERO);
		}
	}

	record Underpants(String address, List<String> sizes) {
	}

}
