package io.qless.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;

import io.qless.core.Job;
import io.qless.core.event.QlessEvent;
import io.qless.core.event.QlessEventSubscriber;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Everything one start of a container creates, and stops again: the thread that talks to
 * Redis (settling finished jobs and popping new ones), the handler threads (unless an
 * executor was given), the heartbeat and timeout scheduler, and the event subscriptions. A new start gets a new run, so that a
 * stop in progress never sees the parts of the next start.
 */
final class ContainerRun {

	private static final Log logger = LogFactory.getLog(ContainerRun.class);

	/** Longest the outcome sender gets after the handlers ended, to send the last outcomes. */
	static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(2);

	private final ListenerComponents components;

	private final Map<String, InFlightJob> inFlight = new ConcurrentHashMap<>();

	private final @Nullable HandlerThreads ownThreads;

	private final Executor executor;

	private final ScheduledExecutorService scheduler;

	private final Heartbeater heartbeater;

	private final HandlerTimeouts timeouts;

	private final JobLoop loop;

	private final JobRunner runner;

	private final List<QlessEventSubscriber.Subscription> subscriptions = new ArrayList<>();

	ContainerRun(ListenerComponents components, @Nullable Executor taskExecutor) {
		this.components = components;
		String queue = components.queue();
		this.ownThreads = (taskExecutor != null) ? null
				: new HandlerThreads(queue, components.settings().concurrency());
		this.executor = (taskExecutor != null) ? taskExecutor : this.ownThreads;
		this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "qless-" + queue + "-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		String worker = components.settings().workerName();
		this.heartbeater = new Heartbeater(components.qless(), queue, worker, this.inFlight.values(),
				components.observer(), this.scheduler, components.clock());
		this.timeouts = new HandlerTimeouts(this, this.scheduler, this.ownThreads);
		this.loop = new JobLoop(queue, components.settings(), components.qless(), this::dispatch,
				neverBlocks(taskExecutor), new OutcomeReporter(components.observer()));
		this.runner = new JobRunner(this, components);
	}

	/**
	 * Whether handing a job to the executor never blocks the caller nor runs the job on
	 * the caller's thread: the container's own threads (unbounded queue), or a
	 * {@link SimpleAsyncTaskExecutor} without a concurrency limit (virtual threads in Boot).
	 */
	private static boolean neverBlocks(@Nullable Executor taskExecutor) {
		return taskExecutor == null
				|| (taskExecutor instanceof SimpleAsyncTaskExecutor simple && !simple.isThrottleActive());
	}

	ListenerComponents components() {
		return this.components;
	}

	Map<String, InFlightJob> inFlight() {
		return this.inFlight;
	}

	JobLoop loop() {
		return this.loop;
	}

	Heartbeater heartbeater() {
		return this.heartbeater;
	}

	HandlerTimeouts timeouts() {
		return this.timeouts;
	}

	void start(@Nullable QlessEventSubscriber events, boolean paused) {
		this.heartbeater.start();
		subscribe(events);
		this.loop.start(paused);
	}

	private void subscribe(@Nullable QlessEventSubscriber events) {
		if (events == null) {
			return;
		}
		ContainerSettings settings = this.components.settings();
		try {
			if (settings.wakeUp()) {
				this.subscriptions.add(events.subscribe(new WakeUpListener(this.components.queue(), this.loop),
						List.of(QlessEventSubscriber.LOG_CHANNEL, QlessEventSubscriber.READY_CHANNEL)));
			}
			this.subscriptions.add(events.subscribeWorker(settings.workerName(), this::onWorkerEvent));
		}
		catch (RuntimeException ex) {
			logger.warn("qless: could not subscribe to events for queue '" + this.components.queue()
					+ "', polling every " + settings.idlePollInterval() + " instead: " + ex);
		}
	}

	private void onWorkerEvent(QlessEvent event) {
		String jid = event.jid();
		if ((event instanceof QlessEvent.LockLost || event instanceof QlessEvent.Canceled) && jid != null) {
			InFlightJob job = this.inFlight.get(jid);
			if (job != null && job.needsHeartbeat()) {
				if (event instanceof QlessEvent.Canceled) {
					this.heartbeater.lockLost(job, "canceled");
				}
				else {
					// qless publishes lock_lost when it hands out a job whose lease ran out, to
					// this worker too: the event may name the run that pop just started here.
					this.heartbeater.checkLock(job);
				}
			}
		}
	}

	/**
	 * Hand the jobs of one answer to the handler threads: the container's own threads
	 * take them all at once (one decision about which threads to wake), another executor
	 * one by one.
	 */
	private void dispatch(List<Job> jobs) {
		List<InFlightJob> tracked = new ArrayList<>(jobs.size());
		for (Job job : jobs) {
			tracked.add(track(job));
		}
		HandlerThreads threads = this.ownThreads;
		if (threads != null) {
			List<Runnable> tasks = new ArrayList<>(tracked.size());
			for (InFlightJob job : tracked) {
				tasks.add(() -> this.runner.run(job));
			}
			try {
				threads.executeAll(tasks);
			}
			catch (RejectedExecutionException ex) {
				tracked.forEach((job) -> refused(job, ex));
			}
			return;
		}
		for (InFlightJob job : tracked) {
			try {
				this.executor.execute(() -> this.runner.run(job));
			}
			catch (RejectedExecutionException ex) {
				refused(job, ex);
			}
		}
	}

	private InFlightJob track(Job job) {
		InFlightJob inFlightJob = new InFlightJob(job, this.components.qless(), this.loop,
				this.components.payloads());
		InFlightJob previous = this.inFlight.put(job.jid(), inFlightJob);
		if (previous != null && previous.needsHeartbeat()) {
			// qless handed the job out again, here: the earlier run's lease is over.
			this.heartbeater.lockLost(previous, "handed out again");
		}
		return inFlightJob;
	}

	private void refused(InFlightJob job, RejectedExecutionException ex) {
		logger.error("qless: the task executor of queue '" + this.components.queue() + "' refused job " + job.jid()
				+ "; it is handed out again when its lease ends", ex);
		this.inFlight.remove(job.jid(), job);
		this.loop.dropped();
	}

	/**
	 * Stop popping, wait for running handlers until {@code deadlineNanos}, send their
	 * outcomes, and leave any job still running to expire in qless.
	 */
	void stop(long deadlineNanos) {
		this.subscriptions.forEach(QlessEventSubscriber.Subscription::cancel);
		this.subscriptions.clear();
		this.loop.stopPopping();
		if (this.ownThreads != null) {
			this.ownThreads.shutdown();
		}
		awaitHandlers(deadlineNanos);
		this.timeouts.cancelAll();
		abandonRunningJobs();
		this.loop.finish(FLUSH_TIMEOUT);
		this.scheduler.shutdownNow();
		if (this.ownThreads != null) {
			this.ownThreads.shutdownNow();
		}
	}

	private void awaitHandlers(long deadlineNanos) {
		try {
			while (!this.inFlight.isEmpty() && System.nanoTime() < deadlineNanos) {
				Thread.sleep(10);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void abandonRunningJobs() {
		List<String> jids = new ArrayList<>();
		for (InFlightJob job : this.inFlight.values()) {
			if (job.needsHeartbeat() && job.markLockLost()) {
				jids.add(job.jid());
			}
		}
		if (!jids.isEmpty()) {
			logger.warn("qless: shutdown timeout " + this.components.settings().shutdownTimeout() + " reached in queue '"
					+ this.components.queue() + "'; jobs " + jids + " are left to expire and will be handed out again");
		}
	}

	List<String> jobsInFlight() {
		return List.copyOf(this.inFlight.keySet());
	}

}
