package io.qless.listener;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

import io.qless.annotation.QlessJob;
import io.qless.annotation.QueueHandler;
import io.qless.handler.JobHeader;
import io.qless.listener.GnomeHandlers.Underpants;

/**
 * Handlers whose jobs carry a unique key declared on the annotations: one key per address.
 */
@QlessJob(value = "gnomes.UniqueJob", unique = "address-#{payload.address}")
class UniqueHandlers {

	static final String KLASS = "gnomes.UniqueJob";

	final CountDownLatch release = new CountDownLatch(1);

	final BlockingQueue<String> started = new LinkedBlockingQueue<>();

	@QueueHandler("unique-finish")
	void finish(Underpants order, @JobHeader(JobHeader.JID) String jid) throws InterruptedException {
		this.started.add(jid);
		this.release.await();
	}

	@QueueHandler(value = "unique-debounce", uniqueMode = "debounce", uniqueTtl = "1h")
	void debounce(Underpants order) {
	}

}
