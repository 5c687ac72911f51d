package io.qless.dashboard.data;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.qless.core.Job;
import io.qless.core.PutRequest;
import io.qless.core.QlessOperations;
import io.qless.core.RawJson;
import io.qless.core.RecurringJob;
import io.qless.core.RecurringUpdate;
import io.qless.schedule.ScheduleManager;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The dashboard's actions on qless. Each returns a sentence saying what it did; a job or
 * template that is gone, or an argument the script rejects, raises an exception whose message
 * the dashboard shows.
 */
public class DashboardCommands {

	/** How many jobs one round of a bulk action handles. */
	static final int BULK_CHUNK = 500;

	private final QlessOperations qless;

	private final ScheduleManager schedules;

	/**
	 * Create a new instance.
	 * @param qless the client
	 */
	public DashboardCommands(QlessOperations qless) {
		this(qless, new ScheduleManager(qless, Clock.systemUTC()));
	}

	/**
	 * Create a new instance.
	 * @param qless the client
	 * @param schedules the schedule manager
	 */
	public DashboardCommands(QlessOperations qless, ScheduleManager schedules) {
		this.qless = qless;
		this.schedules = schedules;
	}

	/**
	 * Pause or resume a schedule; fire times that pass while it is paused are skipped.
	 * @param name the schedule name
	 * @param pause {@code true} to pause, {@code false} to resume
	 * @return what was done
	 */
	public String pauseSchedule(String name, boolean pause) {
		io.qless.core.ScheduleInfo info = pause ? this.schedules.pause(name) : this.schedules.resume(name);
		Assert.state(info != null, () -> "No schedule " + name + ".");
		return "Schedule " + name + (pause ? " paused." : " resumed.");
	}

	/**
	 * Put one job of a schedule now; its fire times stay as they are.
	 * @param name the schedule name
	 * @return what was done
	 */
	public String triggerSchedule(String name) {
		String jid = this.schedules.trigger(name);
		Assert.state(jid != null, () -> "No schedule " + name + ".");
		return "Schedule " + name + " triggered: job " + jid + ".";
	}

	/**
	 * Put a job back into a queue, keeping its data, priority, tags, retries and throttles:
	 * retry (into its own queue) or move (into another).
	 * @param jid the jid
	 * @param queue the queue, or {@code null} for the job's own
	 * @return what was done
	 */
	public String requeue(String jid, @Nullable String queue) {
		Job job = require(jid);
		String into = StringUtils.hasText(queue) ? queue.trim() : job.queue();
		Assert.hasText(into, "The job has no queue to go back to; choose one");
		PutRequest request = PutRequest.of(job.klass(), new RawJson(job.data())).jid(jid);
		// requeue does not keep throttles by itself (the script drops the old queue's own)
		this.qless.queue(into).requeue(job.throttles().isEmpty() ? request : request.throttles(job.throttles()));
		return "Job " + jid + " put into queue " + into + ".";
	}

	/**
	 * Cancel a job.
	 * @param jid the jid
	 * @return what was done
	 */
	public String cancel(String jid) {
		this.qless.jobs().cancel(jid);
		return "Job " + jid + " canceled.";
	}

	/**
	 * Change a job's priority.
	 * @param jid the jid
	 * @param priority the priority
	 * @return what was done
	 */
	public String priority(String jid, int priority) {
		this.qless.jobs().priority(jid, priority);
		return "Priority of job " + jid + " set to " + priority + ".";
	}

	/**
	 * Add a tag to a job.
	 * @param jid the jid
	 * @param tag the tag
	 * @return what was done
	 */
	public String tag(String jid, String tag) {
		Assert.hasText(tag, "The tag must not be empty");
		require(jid);
		this.qless.jobs().tag(jid, tag.trim());
		return "Tag added to job " + jid + ".";
	}

	/**
	 * Remove a tag from a job.
	 * @param jid the jid
	 * @param tag the tag
	 * @return what was done
	 */
	public String untag(String jid, String tag) {
		require(jid);
		this.qless.jobs().untag(jid, tag);
		return "Tag removed from job " + jid + ".";
	}

	/**
	 * Track or stop tracking a job.
	 * @param jid the jid
	 * @param track whether to track it
	 * @return what was done
	 */
	public String track(String jid, boolean track) {
		require(jid);
		if (track) {
			this.qless.jobs().track(jid);
			return "Job " + jid + " tracked.";
		}
		this.qless.jobs().untrack(jid);
		return "Job " + jid + " no longer tracked.";
	}

	/**
	 * Pause or unpause a queue.
	 * @param queue the queue
	 * @param pause whether to pause it
	 * @return what was done
	 */
	public String pause(String queue, boolean pause) {
		if (pause) {
			this.qless.queue(queue).pause();
			return "Queue " + queue + " paused.";
		}
		this.qless.queue(queue).unpause();
		return "Queue " + queue + " unpaused.";
	}

	/**
	 * Set the maximum of a queue's throttle.
	 * @param queue the queue
	 * @param maximum the maximum, 0 for none
	 * @return what was done
	 */
	public String queueThrottle(String queue, long maximum) {
		Assert.isTrue(maximum >= 0, "The maximum must not be negative");
		this.qless.throttles().setQueueThrottle(queue, maximum);
		return "Throttle of queue " + queue + " set to " + describe(maximum) + ".";
	}

	/**
	 * Set the maximum of a named throttle.
	 * @param id the throttle id
	 * @param maximum the maximum, 0 for none
	 * @return what was done
	 */
	public String throttle(String id, long maximum) {
		Assert.hasText(id, "The throttle id must not be empty");
		Assert.isTrue(maximum >= 0, "The maximum must not be negative");
		this.qless.throttles().set(id.trim(), maximum);
		return "Throttle " + id.trim() + " set to " + describe(maximum) + ".";
	}

	/**
	 * Move every job of a failure group into a queue (qless {@code unfail}).
	 * @param group the group
	 * @param queue the queue
	 * @return what was done
	 */
	public String retryGroup(String group, String queue) {
		Assert.hasText(queue, "Choose the queue to retry the jobs in");
		long moved = 0;
		long total = this.qless.failures().jobs(group, 0, 1).total();
		while (moved < total) {
			long round = this.qless.queue(queue.trim()).unfail(group, BULK_CHUNK);
			if (round == 0) {
				break;
			}
			moved += round;
		}
		return moved + " jobs of group " + group + " put into queue " + queue.trim() + ".";
	}

	/**
	 * Cancel every job of a failure group.
	 * @param group the group
	 * @return what was done
	 */
	public String cancelGroup(String group) {
		long canceled = 0;
		long total = this.qless.failures().jobs(group, 0, 1).total();
		while (canceled < total) {
			List<String> jids = this.qless.failures().jobs(group, 0, BULK_CHUNK).jids();
			if (jids.isEmpty()) {
				break;
			}
			this.qless.jobs().cancel(jids);
			canceled += jids.size();
		}
		return canceled + " jobs of group " + group + " canceled.";
	}

	/**
	 * Change a recurring template.
	 * @param jid the template jid
	 * @param interval the interval in seconds
	 * @param priority the priority
	 * @param retries the retry budget
	 * @param backlog how many missed runs to catch up, 0 for all
	 * @param queue the queue
	 * @return what was done
	 */
	public String updateTemplate(String jid, long interval, int priority, int retries, int backlog, String queue) {
		RecurringJob template = requireTemplate(jid);
		Assert.isTrue(interval > 0, "The interval must be at least one second");
		Assert.isTrue(retries >= 0, "Retries must not be negative");
		Assert.isTrue(backlog >= 0, "The backlog must not be negative");
		Assert.hasText(queue, "The queue must not be empty");
		RecurringUpdate update = RecurringUpdate.create().priority(priority).retries(retries).backlog(backlog);
		if (!queue.trim().equals(template.queue())) {
			update = update.queue(queue.trim());
		}
		String pausedTag = pausedTag(template);
		if (pausedTag != null) {
			// a paused template keeps its huge interval; the new one is restored on resume
			this.qless.recurring().update(jid, update);
			this.qless.recurring().untag(jid, pausedTag);
			this.qless.recurring().tag(jid, RecurringPause.tag(Duration.ofSeconds(interval)));
		}
		else {
			this.qless.recurring().update(jid, update.interval(Duration.ofSeconds(interval)));
		}
		return "Recurring job " + jid + " updated.";
	}

	/**
	 * Pause or resume a recurring template (see {@link RecurringPause}).
	 * @param jid the template jid
	 * @param pause whether to pause it
	 * @return what was done
	 */
	public String pauseTemplate(String jid, boolean pause) {
		RecurringJob template = requireTemplate(jid);
		String pausedTag = pausedTag(template);
		if (pause) {
			if (pausedTag == null) {
				this.qless.recurring().tag(jid, RecurringPause.tag(template.interval()));
				this.qless.recurring().update(jid, RecurringUpdate.create().interval(RecurringPause.PAUSED_INTERVAL));
			}
			return "Recurring job " + jid + " paused.";
		}
		if (pausedTag != null) {
			Long seconds = RecurringPause.pausedInterval(template.tags());
			Assert.state(seconds != null, "Unreadable pause marker");
			this.qless.recurring().update(jid, RecurringUpdate.create().interval(Duration.ofSeconds(seconds)));
			this.qless.recurring().untag(jid, pausedTag);
		}
		return "Recurring job " + jid + " resumed.";
	}

	/**
	 * Delete a recurring template; spawned children stay.
	 * @param jid the template jid
	 * @return what was done
	 */
	public String deleteTemplate(String jid) {
		requireTemplate(jid);
		this.qless.recurring().unrecur(jid);
		return "Recurring job " + jid + " deleted.";
	}

	private Job require(String jid) {
		Job job = this.qless.jobs().get(jid);
		if (job == null) {
			throw new IllegalArgumentException("There is no job " + jid + ".");
		}
		return job;
	}

	private RecurringJob requireTemplate(String jid) {
		RecurringJob template = this.qless.recurring().get(jid);
		if (template == null) {
			throw new IllegalArgumentException("There is no recurring job " + jid + ".");
		}
		return template;
	}

	private static @Nullable String pausedTag(RecurringJob template) {
		for (String tag : template.tags()) {
			if (tag.startsWith(RecurringPause.TAG_PREFIX)) {
				return tag;
			}
		}
		return null;
	}

	private static String describe(long maximum) {
		return (maximum == 0) ? "no limit" : String.valueOf(maximum);
	}

}
