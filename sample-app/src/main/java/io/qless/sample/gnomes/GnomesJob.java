package io.qless.sample.gnomes;

import java.time.Duration;

import io.qless.annotation.QlessJob;
import io.qless.annotation.QueueHandler;
import io.qless.handler.JobHeader;
import io.qless.handler.Next;
import io.qless.handler.QlessJobContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * The classic qless pipeline: {@code underpants -> unknown -> profit}, klass
 * {@code gnomes.GnomesJob}, so Ruby and Python qless workers can share it.
 */
@Component
@QlessJob({ GnomesJob.KLASS, GnomesJob.RUBY_KLASS })
public class GnomesJob {

	/** The job class name other qless clients put. */
	public static final String KLASS = "gnomes.GnomesJob";

	/** The same job as a Ruby producer names it: Ruby workers constantize the klass. */
	static final String RUBY_KLASS = "Gnomes::GnomesJob";

	private static final Log logger = LogFactory.getLog(GnomesJob.class);

	private static final Duration WORK_SLICE = Duration.ofMillis(200);

	// Orders this app puts carry the "gnome-crew" throttle (maximum in application.yml): at most
	// that many orders are being worked on at once, in any stage, by any worker.
	@QueueHandler(value = "underpants", backOffInitial = "${sample.gnomes.retry-delay:2s}", backOffMultiplier = "2",
			nonRetryable = BadOrderException.class, throttles = "gnome-crew")
	Next underpants(GnomeOrder order, QlessJobContext job) throws InterruptedException {
		if (order.isBad()) {
			throw new BadOrderException("no underpants at '" + order.address() + "'");
		}
		if (order.isFlaky() && job.retriesLeft() == job.retries()) {
			throw new GnomesOnStrikeException("the gnomes are on strike at '" + order.address() + "', try again later");
		}
		work(order, job);
		logger.info("[" + job.jid() + "] collected underpants at " + order.address());
		return Next.queue("unknown");
	}

	@QueueHandler("unknown")
	Next unknown(GnomeOrder order, @JobHeader(JobHeader.JID) String jid) {
		logger.info("[" + jid + "] ? (nobody knows what happens here)");
		return Next.queue("profit");
	}

	@QueueHandler("profit")
	void profit(GnomeOrder order, @JobHeader(JobHeader.JID) String jid) {
		logger.info("[" + jid + "] profit from " + order.address() + "!");
	}

	/**
	 * Take {@code work_ms}, in slices, giving up as soon as the lock is lost. The container
	 * heartbeats the job meanwhile.
	 */
	private static void work(GnomeOrder order, QlessJobContext job) throws InterruptedException {
		long remaining = order.workMillis();
		while (remaining > 0 && !job.isLockLost()) {
			long slice = Math.min(remaining, WORK_SLICE.toMillis());
			Thread.sleep(slice);
			remaining -= slice;
		}
	}

}
