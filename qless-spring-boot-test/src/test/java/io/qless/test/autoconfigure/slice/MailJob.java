package io.qless.test.autoconfigure.slice;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.qless.annotation.QlessJob;
import io.qless.annotation.QueueHandler;

import org.springframework.stereotype.Component;

/**
 * Sends mail: remembers whom to and on which thread.
 */
@Component
@QlessJob(MailJob.KLASS)
public class MailJob {

	public static final String KLASS = "test.Mail";

	final List<String> sent = new CopyOnWriteArrayList<>();

	final List<Thread> threads = new CopyOnWriteArrayList<>();

	@QueueHandler("mail")
	void send(Mail mail) {
		if (mail.to().isBlank()) {
			throw new IllegalArgumentException("no address");
		}
		this.sent.add(mail.to());
		this.threads.add(Thread.currentThread());
	}

}
