package io.qless.listener;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.qless.annotation.QlessJob;
import io.qless.annotation.QueueHandler;
import io.qless.handler.JobHeader;
import io.qless.listener.GnomeHandlers.Underpants;

/**
 * Handlers whose jobs carry throttles declared on the annotations; each records how many
 * of its jobs ran at once, overall and per address.
 */
@QlessJob(value = "gnomes.ThrottledJob", throttles = "${gnomes.all-throttle:all-gnomes}")
class ThrottledHandlers {

	static final String KLASS = "gnomes.ThrottledJob";

	final AtomicInteger running = new AtomicInteger();

	final AtomicInteger maxRunning = new AtomicInteger();

	final Map<String, AtomicInteger> runningByAddress = new ConcurrentHashMap<>();

	final Map<String, AtomicInteger> maxRunningByAddress = new ConcurrentHashMap<>();

	final BlockingQueue<String> seen = new LinkedBlockingQueue<>();

	volatile long workMillis = 150;

	@QueueHandler(value = { "throttled-a", "throttled-b" }, concurrency = "4", throttles = "gnome-api")
	void shared(Underpants order, @JobHeader(JobHeader.JID) String jid) throws InterruptedException {
		run(order, jid);
	}

	@QueueHandler(value = "tenants", concurrency = "4", throttles = "tenant-#{payload.address}")
	void tenants(Underpants order, @JobHeader(JobHeader.JID) String jid) throws InterruptedException {
		run(order, jid);
	}

	@QueueHandler(value = "throttled-flaky", concurrency = "4", throttles = "gnome-api")
	void flaky(Underpants order, @JobHeader(JobHeader.JID) String jid) throws InterruptedException {
		run(order, jid);
		throw new IllegalStateException("flaky gnome");
	}

	@QueueHandler(value = "throttled-reclaim", concurrency = "4", throttles = "gnome-api")
	void reclaim(Underpants order, @JobHeader(JobHeader.JID) String jid) throws InterruptedException {
		run(order, jid);
	}

	private void run(Underpants order, String jid) throws InterruptedException {
		int now = this.running.incrementAndGet();
		this.maxRunning.accumulateAndGet(now, Math::max);
		AtomicInteger byAddress = this.runningByAddress.computeIfAbsent(order.address(), (key) -> new AtomicInteger());
		this.maxRunningByAddress.computeIfAbsent(order.address(), (key) -> new AtomicInteger())
			.accumulateAndGet(byAddress.incrementAndGet(), Math::max);
		try {
			Thread.sleep(this.workMillis);
			this.seen.add(jid);
		}
		finally {
			byAddress.decrementAndGet();
			this.running.decrementAndGet();
		}
	}

}
