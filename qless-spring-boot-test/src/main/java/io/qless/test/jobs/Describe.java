package io.qless.test.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.qless.core.Job;
import io.qless.core.QueueCounts;

/**
 * Words for what is left when a drain cannot finish.
 */
final class Describe {

	private Describe() {
	}

	static String counts(QueueCounts counts) {
		List<String> parts = new ArrayList<>();
		add(parts, counts.waiting(), "waiting");
		add(parts, counts.running(), "running");
		add(parts, counts.stalled(), "stalled");
		add(parts, counts.scheduled(), "scheduled");
		add(parts, counts.depends(), "depending on other jobs");
		add(parts, counts.throttled(), "throttled");
		return String.join(", ", parts) + (counts.paused() ? " (queue paused)" : "");
	}

	static String job(Job job, Activity.Snapshot now, Schedules schedules) {
		StringBuilder line = new StringBuilder("job ").append(job.jid())
			.append(" (")
			.append(job.klass())
			.append(") ")
			.append(job.state().wireName())
			.append(" in queue '")
			.append(job.queue())
			.append('\'');
		switch (job.state()) {
			case SCHEDULED -> {
				Instant due = schedules.dueAt(job.queue(), job.jid());
				if (due != null) {
					line.append(", due at ").append(due);
				}
			}
			case RUNNING, STALLED -> line.append(" on worker ")
				.append(job.worker())
				.append(", lease until ")
				.append(job.expiresAt());
			case DEPENDS -> line.append(", waiting for ").append(job.dependencies());
			case THROTTLED -> line.append(", waiting for a lock of ").append(job.throttles());
			default -> {
			}
		}
		if (!now.served().contains(job.queue())) {
			line.append(" (no running container of this application serves that queue)");
		}
		return line.toString();
	}

	private static void add(List<String> parts, long count, String what) {
		if (count > 0) {
			parts.add(count + " " + what);
		}
	}

}
