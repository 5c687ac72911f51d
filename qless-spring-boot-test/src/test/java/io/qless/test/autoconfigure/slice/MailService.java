package io.qless.test.autoconfigure.slice;

import io.qless.core.QlessOperations;

import org.springframework.stereotype.Service;

/**
 * Code that puts jobs: not a handler, so not in the slice unless a test includes it.
 */
@Service
public class MailService {

	private final QlessOperations qless;

	MailService(QlessOperations qless) {
		this.qless = qless;
	}

	public String welcome(String to) {
		return this.qless.queue("mail").put(MailJob.KLASS, new Mail(to));
	}

}
