package io.qless.listener;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.qless.annotation.QlessJob;
import io.qless.annotation.QueueHandler;
import io.qless.core.QlessOperations;
import io.qless.core.ThrottleStatus;
import io.qless.handler.JobHeader;
import io.qless.handler.QlessJobContext;
import io.qless.listener.GnomeHandlers.Underpants;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * Handlers the trust tests drive: one that hangs ignoring interrupts, one whose jobs hold
 * throttle locks, and payloads that may be null.
 */
@QlessJob("gnomes.TrustJob")
class TrustHandlers {

	static final String KLASS = "gnomes.TrustJob";

	final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

	final BlockingQueue<Integer> locksSeen = new LinkedBlockingQueue<>();

	final Set<String> hungOnce = ConcurrentHashMap.newKeySet();

	final CountDownLatch hanging = new CountDownLatch(1);

	final CountDownLatch unhang = new CountDownLatch(1);

	@Autowired
	QlessOperations qless;

	/**
	 * Hangs on the first attempt of a job whose data says so, ignoring interrupts.
	 */
	@QueueHandler(value = "hung", timeout = "500ms")
	void hung(Underpants order, @JobHeader(JobHeader.JID) String jid) {
		if (order.address().equals("hang") && this.hungOnce.add(jid)) {
			this.hanging.countDown();
			boolean released = false;
			while (!released) {
				try {
					released = this.unhang.await(30, TimeUnit.SECONDS);
					break;
				}
				catch (InterruptedException ex) {
					// a handler that ignores interrupts
				}
			}
		}
		this.seen.add("hung:" + jid);
	}

	final CountDownLatch holding = new CountDownLatch(1);

	final CountDownLatch release = new CountDownLatch(1);

	final BlockingQueue<String> interrupted = new LinkedBlockingQueue<>();

	/**
	 * Runs until released (or interrupted, which it notes).
	 */
	@QueueHandler("held")
	void held(Underpants order, @JobHeader(JobHeader.JID) String jid) {
		this.holding.countDown();
		try {
			this.release.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			this.interrupted.add(jid);
			Thread.currentThread().interrupt();
			return;
		}
		this.seen.add("held:" + jid);
	}

	final AtomicInteger twiceRuns = new AtomicInteger();

	final CountDownLatch twiceFirst = new CountDownLatch(1);

	final CountDownLatch twiceSecond = new CountDownLatch(1);

	final CountDownLatch releaseTwice = new CountDownLatch(1);

	final BlockingQueue<Integer> twiceInterrupted = new LinkedBlockingQueue<>();

	/**
	 * Counts its runs and holds each until released (or interrupted, which it notes).
	 */
	@QueueHandler(value = "twice", concurrency = "2")
	void twice(Underpants order, @JobHeader(JobHeader.JID) String jid) {
		int run = this.twiceRuns.incrementAndGet();
		(run == 1 ? this.twiceFirst : this.twiceSecond).countDown();
		try {
			this.releaseTwice.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			this.twiceInterrupted.add(run);
			Thread.currentThread().interrupt();
			return;
		}
		this.seen.add("twice:" + jid + ":" + run);
	}

	@QueueHandler(value = "gated", throttles = "gate")
	void gated(Underpants order) throws InterruptedException {
		ThrottleStatus gate = this.qless.throttles().status(List.of("gate")).get(0);
		this.locksSeen.add((int) gate.locks());
		Thread.sleep(5);
	}

	@QueueHandler("strict")
	void strict(Underpants order, @JobHeader(JobHeader.JID) String jid) {
		this.seen.add("strict:" + jid + ":" + order.address());
	}

	@QueueHandler("lenient")
	void lenient(@Nullable Underpants order, QlessJobContext job) {
		this.seen.add("lenient:" + job.jid() + ":" + ((order != null) ? order.address() : "null"));
	}

}
