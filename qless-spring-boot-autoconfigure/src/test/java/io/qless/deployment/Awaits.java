package io.qless.deployment;

import java.time.Duration;

import io.qless.core.Job;
import io.qless.core.JobState;
import io.qless.core.QlessOperations;

/**
 * Waiting for a job's state through a Redis that may be coming back.
 */
final class Awaits {

	private Awaits() {
	}

	static void state(QlessOperations qless, String jid, JobState state) throws InterruptedException {
		state(qless, jid, state, Duration.ofSeconds(10));
	}

	static void state(QlessOperations qless, String jid, JobState state, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		Object last = null;
		while (System.nanoTime() < deadline) {
			try {
				Job job = qless.jobs().get(jid);
				if (job != null && job.state() == state) {
					return;
				}
				last = job;
			}
			catch (RuntimeException ex) {
				last = ex;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("job " + jid + " did not reach " + state + " within " + timeout + "; last seen: " + last);
	}

}
