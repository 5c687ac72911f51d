package io.qless.test.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.qless.core.Job;
import io.qless.core.JobState;
import io.qless.core.QlessOperations;
import io.qless.core.QueueCounts;
import io.qless.core.QueueJobState;
import org.jspecify.annotations.Nullable;

/**
 * One run of {@link QlessTestJobs#drain(String...)} or
 * {@link QlessTestJobs#awaitCompleted(String)}: looks at Redis and this application's
 * containers in a loop, follows the jobs it has seen until each ends, and moves the test
 * clock to the next scheduled job once nothing runs and nothing is ready.
 */
final class Drain {

	private static final int LIST_LIMIT = 1000;

	private static final long STUCK_NANOS = TimeUnit.SECONDS.toNanos(2);

	private static final long WAKE_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

	private final QlessTestJobs support;

	private final Set<String> queues;

	private final boolean followDependents;

	private final Map<String, Boolean> known = new LinkedHashMap<>();

	private final Map<String, Job> open = new LinkedHashMap<>();

	private final Map<String, @Nullable Job> ended = new LinkedHashMap<>();

	private final Set<String> seen = new LinkedHashSet<>();

	Drain(QlessTestJobs support, Collection<String> queues, Collection<String> jids, boolean followDependents) {
		this.support = support;
		this.queues = new LinkedHashSet<>(queues);
		this.followDependents = followDependents;
		jids.forEach(this::know);
	}

	/**
	 * Run until the queues are empty and every job followed has ended.
	 * @return the jobs followed, in the order first seen, each as last seen ({@code null}
	 * if it is gone)
	 * @throws AssertionError if that does not happen within {@code timeout}, or cannot
	 */
	Map<String, @Nullable Job> run(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		long stuckSince = 0;
		long lastWakeUp = System.nanoTime();
		try (JobRecorder.Watching watching = this.support.recorder().watch(this::started)) {
			this.support.schedules().wakeUp(this.queues);
			while (true) {
				Activity.Snapshot now = this.support.activity().read();
				discover(now);
				refresh();
				if (finished(now)) {
					return endedJobs();
				}
				Set<String> watched = watched();
				Set<String> recurring = dueRecurrences(now, now.served());
				boolean progress = now.anyRunning() || ready(now, watched) || !recurring.isEmpty()
						|| bringForward(now, watched);
				if (progress) {
					stuckSince = 0;
				}
				else if (stuckSince == 0) {
					stuckSince = System.nanoTime();
				}
				else if (System.nanoTime() - stuckSince > STUCK_NANOS) {
					throw new AssertionError(describe("cannot finish", now, watched));
				}
				if (System.nanoTime() - deadline > 0) {
					throw new AssertionError(describe("did not finish within " + timeout, now, watched));
				}
				if (System.nanoTime() - lastWakeUp > WAKE_UP_NANOS) {
					Set<String> wake = readyServed(now, watched);
					wake.addAll(recurring);
					this.support.schedules().wakeUp(wake);
					lastWakeUp = System.nanoTime();
				}
				this.support.pause();
			}
		}
	}

	private synchronized void started(JobRecorder.Run run) {
		if (this.queues.contains(run.queue()) || this.known.containsKey(run.jid())) {
			know(run.jid());
			if (this.followDependents) {
				run.dependents().forEach(this::know);
			}
		}
	}

	private synchronized void know(String jid) {
		if (!this.ended.containsKey(jid)) {
			this.known.putIfAbsent(jid, Boolean.TRUE);
		}
	}

	private void discover(Activity.Snapshot now) {
		QlessOperations qless = this.support.qless();
		for (String queue : this.queues) {
			QueueCounts counts = now.counts(queue);
			if (counts.waiting() > 0) {
				for (Job job : qless.queue(queue).peek(LIST_LIMIT)) {
					know(job.jid());
				}
			}
			list(queue, QueueJobState.RUNNING, counts.running());
			list(queue, QueueJobState.STALLED, counts.stalled());
			list(queue, QueueJobState.SCHEDULED, counts.scheduled());
			list(queue, QueueJobState.DEPENDS, counts.depends());
			list(queue, QueueJobState.THROTTLED, counts.throttled());
		}
	}

	private void list(String queue, QueueJobState state, long count) {
		if (count > 0) {
			this.support.qless().queue(queue).jobs(state, 0, LIST_LIMIT).forEach(this::know);
		}
	}

	private void refresh() {
		List<String> jids;
		synchronized (this) {
			jids = new ArrayList<>(this.known.keySet());
			jids.removeAll(this.ended.keySet());
		}
		if (jids.isEmpty()) {
			return;
		}
		Map<String, Job> found = new LinkedHashMap<>();
		for (Job job : this.support.qless().jobs().get(jids)) {
			found.put(job.jid(), job);
		}
		synchronized (this) {
			for (String jid : jids) {
				Job job = found.get(jid);
				if (job == null && this.queues.isEmpty() && !this.seen.contains(jid)) {
					// Awaited and not there yet: a recurring job's next spawn, or a put on its way.
					continue;
				}
				if (job != null) {
					this.seen.add(jid);
				}
				if (job == null || job.state() == JobState.COMPLETE || job.state() == JobState.FAILED) {
					this.open.remove(jid);
					this.ended.put(jid, job);
				}
				else {
					this.open.put(jid, job);
					if (this.followDependents) {
						job.dependents().forEach(this::know);
					}
				}
			}
		}
	}

	private boolean finished(Activity.Snapshot now) {
		if (!allEnded() || !empty(now) || !dueRecurrences(now, this.queues).isEmpty()) {
			return false;
		}
		// A pop may have spawned a recurring job between the snapshot and the read of the
		// schedule: read the queues again, and the jobs the handlers started meanwhile.
		return empty(this.support.activity().read()) && allEnded();
	}

	private synchronized boolean allEnded() {
		return this.ended.size() >= this.known.size();
	}

	private boolean empty(Activity.Snapshot now) {
		return this.queues.stream().allMatch((queue) -> Activity.Snapshot.jobs(now.counts(queue)) == 0);
	}

	/**
	 * Return the served queues among {@code queues} whose recurring jobs are due: their
	 * next pop spawns a job.
	 */
	private Set<String> dueRecurrences(Activity.Snapshot now, Collection<String> queues) {
		Set<String> due = new LinkedHashSet<>();
		Instant time = this.support.clock().instant();
		for (String queue : queues) {
			if (now.counts(queue).recurring() > 0 && now.served().contains(queue)) {
				Instant next = this.support.schedules().nextRecurrence(queue);
				if (next != null && !next.isAfter(time)) {
					due.add(queue);
				}
			}
		}
		return due;
	}

	private synchronized Set<String> watched() {
		Set<String> watched = new LinkedHashSet<>(this.queues);
		for (Job job : this.open.values()) {
			if (!job.queue().isEmpty()) {
				watched.add(job.queue());
			}
		}
		return watched;
	}

	private static boolean ready(Activity.Snapshot now, Set<String> watched) {
		return !readyServed(now, watched).isEmpty();
	}

	private static Set<String> readyServed(Activity.Snapshot now, Set<String> watched) {
		Set<String> ready = new LinkedHashSet<>();
		for (String queue : watched) {
			QueueCounts counts = now.counts(queue);
			if (now.served().contains(queue) && counts.waiting() + counts.stalled() > 0) {
				ready.add(queue);
			}
		}
		return ready;
	}

	/**
	 * Nothing runs and nothing is ready: move the clock to the first scheduled job of the
	 * watched queues, and wake their containers.
	 * @return whether a scheduled job will now be ready
	 */
	private boolean bringForward(Activity.Snapshot now, Set<String> watched) {
		Instant due = null;
		Set<String> scheduled = new LinkedHashSet<>();
		for (String queue : watched) {
			if (now.counts(queue).scheduled() > 0 && now.served().contains(queue)) {
				Instant first = this.support.schedules().earliest(queue);
				if (first != null) {
					scheduled.add(queue);
					due = (due == null || first.isBefore(due)) ? first : due;
				}
			}
		}
		if (due == null) {
			return false;
		}
		this.support.clock().advanceTo(due);
		this.support.schedules().wakeUp(scheduled);
		return true;
	}

	private synchronized Map<String, @Nullable Job> endedJobs() {
		Map<String, @Nullable Job> inOrderSeen = new LinkedHashMap<>();
		this.known.keySet().forEach((jid) -> inOrderSeen.put(jid, this.ended.get(jid)));
		return inOrderSeen;
	}

	private synchronized String describe(String what, Activity.Snapshot now, Set<String> watched) {
		StringBuilder message = new StringBuilder("qless: ");
		message.append(this.queues.isEmpty() ? "waiting for " + this.known.keySet() : "draining " + this.queues)
			.append(' ')
			.append(what)
			.append(" (test clock at ")
			.append(this.support.clock().instant())
			.append("). Left:");
		for (String queue : this.queues) {
			QueueCounts counts = now.counts(queue);
			if (Activity.Snapshot.jobs(counts) > 0) {
				message.append("\n  queue '").append(queue).append("': ").append(Describe.counts(counts));
			}
		}
		for (Job job : this.open.values()) {
			message.append("\n  ").append(Describe.job(job, now, this.support.schedules()));
		}
		for (String jid : this.known.keySet()) {
			if (!this.open.containsKey(jid) && !this.ended.containsKey(jid)) {
				message.append("\n  job ").append(jid).append(" does not exist");
			}
		}
		for (String queue : watched) {
			if (!now.served().contains(queue)) {
				message.append("\n  no running container of this application serves queue '")
					.append(queue)
					.append(now.paused().contains(queue) ? "' (its container is paused)" : "'");
			}
		}
		return message.toString();
	}

}
