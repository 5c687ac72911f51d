package io.qless.test.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.qless.core.Job;
import io.qless.core.JobFailure;
import io.qless.core.JobState;
import io.qless.core.QlessOperations;
import io.qless.listener.QlessListenerEndpointRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

/**
 * Runs the jobs of a test to their end, without sleeping: the application's own listener
 * containers run them, and the {@link QlessTestClock} is moved forward whenever the next
 * thing to happen is a scheduled job (a delay, a retry's back-off) and no job runs.
 * Injected into tests by {@code @QlessTest} and {@code @AutoConfigureQlessTest}.
 *
 * <pre class="code">
 * String jid = qless.queue("mail").put(PutRequest.of("mail.Send", mail).delay(Duration.ofHours(1)));
 * DrainResult result = jobs.drain("mail");
 * assertThat(result.completed()).containsExactly(jid);
 * </pre>
 * In the inline mode, the jobs run on the thread that calls {@code drain} or
 * {@code awaitCompleted}.
 */
public class QlessTestJobs {

	private final QlessOperations qless;

	private final QlessTestClock clock;

	private final JobRecorder recorder;

	private final Activity activity;

	private final Schedules schedules;

	private final @Nullable InlineJobRunner inline;

	private final Duration timeout;

	/**
	 * Create an instance; the test auto-configuration does.
	 * @param qless the qless client
	 * @param registry the application's listener containers
	 * @param redis the Redis qless uses
	 * @param clock the clock the template and the containers use
	 * @param recorder the interceptor the containers run every job through
	 * @param inline the inline mode's handler executor, or {@code null} without inline mode
	 * @param timeout the longest {@link #drain(String...)} and
	 * {@link #awaitCompleted(String)} wait
	 */
	public QlessTestJobs(QlessOperations qless, QlessListenerEndpointRegistry registry, StringRedisTemplate redis,
			QlessTestClock clock, JobRecorder recorder, @Nullable InlineJobRunner inline, Duration timeout) {
		Assert.notNull(qless, "'qless' must not be null");
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(redis, "'redis' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		Assert.notNull(recorder, "'recorder' must not be null");
		Assert.isTrue(timeout != null && timeout.toMillis() > 0, "'timeout' must be positive");
		this.qless = qless;
		this.clock = clock;
		this.recorder = recorder;
		this.activity = new Activity(qless, registry, inline);
		this.schedules = new Schedules(redis, qless.shards());
		this.inline = inline;
		this.timeout = timeout;
	}

	/**
	 * Run jobs until nothing is left in {@code queues} (no job waiting, running, scheduled,
	 * depending on others or throttled there, no recurring job due) and every job seen
	 * there since the test started has ended, waiting at most {@code qless.test.timeout}.
	 * A job that moves on ({@code Next}) is followed into its next queue, and so are the
	 * jobs that depend on the jobs seen. Scheduled jobs are brought forward: once no job runs
	 * and none is ready, the test clock moves to the time the first of them falls due. The
	 * clock is never moved for a recurring job: advance it, then drain.
	 * @param queues the queues to drain
	 * @return what completed and what failed, less what an earlier drain of the same test
	 * reported
	 * @throws AssertionError when that does not happen in time, or cannot happen (a job
	 * waits in a queue no running container serves, or on a job that never ends), with a
	 * list of what is left
	 */
	public DrainResult drain(String... queues) {
		return drain(this.timeout, queues);
	}

	/**
	 * Drain {@code queues} as {@link #drain(String...)} does, waiting at most
	 * {@code timeout}.
	 * @param timeout the longest wait
	 * @param queues the queues to drain
	 * @return what completed and what failed
	 */
	public DrainResult drain(Duration timeout, String... queues) {
		Assert.notEmpty(queues, "'queues' must not be empty");
		Map<String, @Nullable Job> ended = run(new Drain(this, List.of(queues), List.of(), true), timeout);
		List<String> completed = new ArrayList<>();
		List<FailedJob> failed = new ArrayList<>();
		List<String> news = this.recorder.report(ended.keySet());
		ended.forEach((jid, job) -> {
			if (!news.contains(jid)) {
				return;
			}
			if (job != null && job.state() == JobState.COMPLETE) {
				completed.add(jid);
			}
			else if (job != null && job.state() == JobState.FAILED) {
				JobFailure failure = job.failure();
				failed.add(new FailedJob(jid, job.queue(), job.klass(), (failure != null) ? failure.group() : "",
						(failure != null) ? failure.message() : ""));
			}
		});
		return new DrainResult(completed, failed);
	}

	/**
	 * Wait until a job has completed, at most {@code qless.test.timeout}, bringing its
	 * scheduled time forward as {@link #drain(String...)} does. A job that does not exist
	 * yet is waited for while something may still put it: a job runs, or a recurring job
	 * is due (its jid is {@code <recurring jid>-<count>}).
	 * @param jid the job's jid
	 * @return the completed job
	 * @throws AssertionError if the job failed, is gone, or did not complete in time
	 */
	public Job awaitCompleted(String jid) {
		return awaitCompleted(jid, this.timeout);
	}

	/**
	 * Wait until a job has completed, at most {@code timeout}.
	 * @param jid the job's jid
	 * @param timeout the longest wait
	 * @return the completed job
	 * @throws AssertionError if the job failed, is gone, or did not complete in time
	 */
	public Job awaitCompleted(String jid, Duration timeout) {
		Assert.hasText(jid, "'jid' must not be empty");
		Job job = run(new Drain(this, Set.of(), List.of(jid), false), timeout).get(jid);
		if (job == null) {
			throw new AssertionError("qless: job " + jid + " is gone (canceled or expired)");
		}
		if (job.state() != JobState.COMPLETE) {
			JobFailure failure = job.failure();
			throw new AssertionError("qless: job " + jid + " (" + job.klass() + ") " + job.state().wireName()
					+ " instead of completing"
					+ ((failure != null) ? ": [" + failure.group() + "] " + firstLine(failure.message()) : ""));
		}
		return job;
	}

	/**
	 * Move the test clock forward and have the idle containers look for work at once,
	 * rather than at their next poll. Move it while no job runs: qless leases are counted
	 * in the same clock.
	 * @param duration how far
	 * @return the new time
	 */
	public Instant advance(Duration duration) {
		Instant now = this.clock.advance(duration);
		this.schedules.wakeUp(this.activity.read().served());
		return now;
	}

	/**
	 * Return the clock the template and the containers take {@code now} from.
	 * @return the clock
	 */
	public QlessTestClock clock() {
		return this.clock;
	}

	private static String firstLine(String text) {
		int end = text.indexOf('\n');
		return (end >= 0) ? text.substring(0, end).strip() : text;
	}

	private Map<String, @Nullable Job> run(Drain drain, Duration timeout) {
		Assert.isTrue(timeout != null && timeout.toMillis() > 0, "'timeout' must be positive");
		if (this.inline == null) {
			return drain.run(timeout);
		}
		try (InlineJobRunner.Waiting waiting = this.inline.await()) {
			return drain.run(timeout);
		}
	}

	/**
	 * Let the jobs run a little: on this thread in the inline mode, else by waiting.
	 */
	void pause() {
		if (this.inline != null) {
			this.inline.runPending();
			return;
		}
		try {
			Thread.sleep(10);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for qless jobs", ex);
		}
	}

	QlessOperations qless() {
		return this.qless;
	}

	JobRecorder recorder() {
		return this.recorder;
	}

	Activity activity() {
		return this.activity;
	}

	Schedules schedules() {
		return this.schedules;
	}

}
