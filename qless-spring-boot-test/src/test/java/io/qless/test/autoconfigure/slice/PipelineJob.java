package io.qless.test.autoconfigure.slice;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.qless.annotation.QlessJob;
import io.qless.annotation.QueueHandler;
import io.qless.core.PutRequest;
import io.qless.core.QlessOperations;
import io.qless.handler.Next;
import io.qless.handler.QlessJobContext;

import org.springframework.stereotype.Component;

/**
 * A two-step job that also puts a mail, a job that fails a first time, one that always
 * fails, and a report that depends on others.
 */
@Component
@QlessJob(PipelineJob.KLASS)
public class PipelineJob {

	public static final String KLASS = "test.Pipeline";

	/** What jobs of the queue {@code slow} wait for. */
	static volatile CountDownLatch SLOW = new CountDownLatch(0);

	private final QlessOperations qless;

	PipelineJob(QlessOperations qless) {
		this.qless = qless;
	}

	@QueueHandler("first")
	Next first(Map<String, Object> data) {
		return Next.queue("second");
	}

	@QueueHandler("second")
	void second(Map<String, Object> data) {
		this.qless.queue("mail").put(PutRequest.of(MailJob.KLASS, new Mail("done@example.org")));
	}

	@QueueHandler(value = "flaky", backOffInitial = "10s")
	void flaky(Map<String, Object> data, QlessJobContext job) {
		if (job.retriesLeft() == job.retries()) {
			throw new IllegalStateException("not yet");
		}
	}

	@QueueHandler(value = "broken", nonRetryable = UnsupportedOperationException.class)
	void broken(Map<String, Object> data) {
		throw new UnsupportedOperationException("out of ink");
	}

	@QueueHandler("reports")
	void report(Map<String, Object> data) {
	}

	@QueueHandler("slow")
	void slow(Map<String, Object> data) throws InterruptedException {
		SLOW.await(30, TimeUnit.SECONDS);
	}

}
