package io.qless.listener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.qless.core.Job;
import io.qless.core.QlessOperations;
import io.qless.core.event.QlessEvent;
import io.qless.core.event.QlessEventSubscriber;
import io.qless.handler.Next;
import io.qless.handler.NoHandlerException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Runs the jobs of one queue: pops them in batches, calls the handler registered for each
 * job's {@code klass} on a pool of {@code concurrency} threads, heartbeats them while they
 * run, and sends their outcomes to qless in pipelined batches.
 * <p>
 * An idle container waits for qless's own {@code put} and {@code advanced} events for its
 * queue (published for jobs put by any client) and pops at once, falling back to a poll
 * every {@link ContainerSettings#idlePollInterval()} for work that announces itself no
 * other way (scheduled and retried jobs, recurring jobs).
 * <p>
 * Stopping stops popping, waits up to the shutdown timeout for running handlers, sends
 * their outcomes, and leaves any job still running to expire in qless (its partial work is
 * never completed), then deregisters the worker.
 */
public class QlessListenerContainer implements SmartLifecycle {

	/** Name of the Micrometer observation made for each job a handler runs. */
	public static final String OBSERVATION_NAME = "qless.job";

	private static final long DEREGISTER_TIMEOUT_MILLIS = 2_000;

	private static final long PREFETCH_BUDGET_NANOS = 100_000_000;

	private static final Log logger = LogFactory.getLog(QlessListenerContainer.class);

	private final String queue;

	private final Map<String, JobHandler> handlers;

	private final ContainerSettings settings;

	private final QlessOperations qless;

	private final @Nullable QlessEventSubscriber events;

	private final JobObserver observer;

	private final ObservationRegistry observationRegistry;

	private final Map<String, InFlightJob> inFlight = new ConcurrentHashMap<>();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition slotsChanged = this.lock.newCondition();

	private final Semaphore wakeUp = new Semaphore(0);

	private final List<QlessEventSubscriber.Subscription> subscriptions = new ArrayList<>();

	private int held;

	/** Moving average of handler run time, 0 until the first job has run. */
	private volatile long averageHandlerNanos;

	private int waitingToStart;

	private volatile boolean running;

	private @Nullable Thread poller;

	private @Nullable ExecutorService handlerThreads;

	private @Nullable ScheduledExecutorService scheduler;

	private @Nullable OutcomeSender sender;

	private @Nullable Heartbeater heartbeater;

	QlessListenerContainer(String queue, List<JobHandler> handlers, ContainerSettings settings, QlessOperations qless,
			@Nullable QlessEventSubscriber events, JobObserver observer, ObservationRegistry observationRegistry) {
		Assert.hasText(queue, "'queue' must not be empty");
		Assert.notEmpty(handlers, "'handlers' must not be empty");
		this.queue = queue;
		Map<String, JobHandler> byKlass = new ConcurrentHashMap<>();
		for (JobHandler handler : handlers) {
			byKlass.put(handler.endpoint().klass(), handler);
		}
		this.handlers = Map.copyOf(byKlass);
		this.settings = settings;
		this.qless = qless;
		this.events = events;
		this.observer = observer;
		this.observationRegistry = observationRegistry;
	}

	/**
	 * Return the queue this container serves.
	 * @return the queue name
	 */
	public String getQueue() {
		return this.queue;
	}

	/**
	 * Return the settings this container runs with.
	 * @return the settings
	 */
	public ContainerSettings getSettings() {
		return this.settings;
	}

	/**
	 * Return the jids of the jobs this container holds right now.
	 * @return the jids
	 */
	public List<String> getJobsInFlight() {
		return List.copyOf(this.inFlight.keySet());
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.handlerThreads = HandlerThreads.create(this.queue, this.settings.concurrency(),
				this.settings.virtualThreads());
		this.scheduler = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "qless-" + this.queue + "-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		this.sender = new OutcomeSender(this.qless, this.settings.workerName(), this.observer,
				"qless-" + this.queue + "-outcomes");
		this.sender.start();
		this.heartbeater = new Heartbeater(this.qless, this.queue, this.settings.workerName(), this.inFlight.values(),
				this.observer, this.scheduler);
		this.heartbeater.start();
		subscribe();
		this.running = true;
		Thread thread = new Thread(this::pollLoop, "qless-" + this.queue + "-poller");
		thread.setDaemon(true);
		this.poller = thread;
		thread.start();
		logger.info("qless: worker " + this.settings.workerName() + " serves queue '" + this.queue + "' for "
				+ this.handlers.keySet() + " with concurrency " + this.settings.concurrency());
	}

	private void subscribe() {
		if (this.events == null) {
			return;
		}
		try {
			if (this.settings.wakeUp()) {
				this.subscriptions.add(this.events.subscribe(this::onLogEvent, List.of(QlessEventSubscriber.LOG_CHANNEL)));
			}
			this.subscriptions.add(this.events.subscribeWorker(this.settings.workerName(), this::onWorkerEvent));
		}
		catch (RuntimeException ex) {
			logger.warn("qless: could not subscribe to events for queue '" + this.queue + "', polling every "
					+ this.settings.idlePollInterval() + " instead: " + ex);
		}
	}

	private void onLogEvent(QlessEvent event) {
		boolean forUs = (event instanceof QlessEvent.Put put && this.queue.equals(put.queue()))
				|| (event instanceof QlessEvent.Advanced advanced && this.queue.equals(advanced.to()));
		if (forUs && this.wakeUp.availablePermits() == 0) {
			this.wakeUp.release();
		}
	}

	private void onWorkerEvent(QlessEvent event) {
		String jid = event.jid();
		if ((event instanceof QlessEvent.LockLost || event instanceof QlessEvent.Canceled) && jid != null) {
			InFlightJob job = this.inFlight.get(jid);
			Heartbeater heartbeats = this.heartbeater;
			if (job != null && heartbeats != null && !job.isSettled()) {
				heartbeats.lockLost(job, (event instanceof QlessEvent.Canceled) ? "canceled" : "lock_lost event");
			}
		}
	}

	private void pollLoop() {
		Backoff backoff = new Backoff("popping jobs from queue '" + this.queue + "'");
		while (this.running) {
			int count = reserveSlots();
			if (count == 0) {
				continue;
			}
			List<Job> jobs;
			try {
				jobs = this.qless.queue(this.queue).pop(this.settings.workerName(), count);
				backoff.succeeded();
			}
			catch (RuntimeException ex) {
				releaseSlots(count);
				if (!backoff.pause(ex)) {
					return;
				}
				continue;
			}
			releaseSlots(count - jobs.size());
			for (Job job : jobs) {
				dispatch(job);
			}
			if (jobs.size() < count) {
				awaitWork();
			}
		}
	}

	/**
	 * Return how many popped jobs may wait locally for a handler thread: as many as the
	 * handlers get through in about {@link #PREFETCH_BUDGET_NANOS}, at most a batch, none
	 * before the first job has been timed. Fast jobs are then popped in batches; slow ones
	 * are never held back from other workers.
	 */
	int prefetch() {
		long average = this.averageHandlerNanos;
		if (average == 0) {
			return 0;
		}
		long affordable = PREFETCH_BUDGET_NANOS * this.settings.concurrency() / Math.max(1, average);
		return (int) Math.min(this.settings.batchSize(), affordable);
	}

	private void recordHandlerTime(long nanos) {
		long average = this.averageHandlerNanos;
		this.averageHandlerNanos = (average == 0) ? Math.max(1, nanos) : Math.max(1, average + (nanos - average) / 8);
	}

	/**
	 * Wait until popping is worth it: a whole batch fits, or every popped job has started
	 * and there is room for at least one more.
	 * @return how many jobs to pop; 0 when stopping
	 */
	private int reserveSlots() {
		this.lock.lock();
		try {
			while (this.running) {
				int count = popSize();
				if (count > 0) {
					this.held += count;
					return count;
				}
				this.slotsChanged.await(100, TimeUnit.MILLISECONDS);
			}
			return 0;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return how many jobs to pop now, or 0 to wait: pop when a whole batch fits, or when
	 * every popped job has started and there is room for at least one more. Call with the
	 * lock held.
	 */
	private int popSize() {
		int limit = this.settings.concurrency() + prefetch();
		int batch = Math.min(this.settings.batchSize(), limit);
		int free = limit - this.held;
		return (free >= batch || (free > 0 && this.waitingToStart == 0)) ? Math.min(free, batch) : 0;
	}

	private void releaseSlots(int count) {
		if (count == 0) {
			return;
		}
		this.lock.lock();
		try {
			this.held -= count;
			if (popSize() > 0) {
				this.slotsChanged.signal();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private void wakePoller() {
		this.wakeUp.release();
		this.lock.lock();
		try {
			this.slotsChanged.signal();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void awaitWork() {
		try {
			if (this.wakeUp.tryAcquire(this.settings.idlePollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
				this.wakeUp.drainPermits();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void dispatch(Job job) {
		InFlightJob inFlightJob = new InFlightJob(job, this.qless);
		this.inFlight.put(job.jid(), inFlightJob);
		this.lock.lock();
		try {
			this.waitingToStart++;
		}
		finally {
			this.lock.unlock();
		}
		ExecutorService threads = this.handlerThreads;
		Assert.state(threads != null, "Not started");
		threads.execute(() -> run(inFlightJob));
	}

	private void run(InFlightJob job) {
		this.lock.lock();
		try {
			this.waitingToStart--;
			if (this.waitingToStart == 0 && popSize() > 0) {
				this.slotsChanged.signal();
			}
		}
		finally {
			this.lock.unlock();
		}
		long start = System.nanoTime();
		JobOutcome outcome = null;
		Observation observation = Observation.createNotStarted(OBSERVATION_NAME, this.observationRegistry)
			.contextualName(this.queue + " " + job.klass())
			.lowCardinalityKeyValue("qless.queue", this.queue)
			.lowCardinalityKeyValue("qless.klass", job.klass())
			.highCardinalityKeyValue("qless.jid", job.jid())
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			job.running(Thread.currentThread());
			outcome = invoke(job, observation);
		}
		finally {
			observation.lowCardinalityKeyValue("qless.outcome", (outcome != null) ? outcome.name() : "none").stop();
			job.running(null);
			Thread.interrupted();
			long elapsed = System.nanoTime() - start;
			recordHandlerTime(elapsed);
			Duration handlerTime = Duration.ofNanos(elapsed);
			OutcomeSender outcomes = this.sender;
			if (outcome != null && outcomes != null && job.claimSettlement()) {
				outcomes.send(outcome, handlerTime);
			}
			this.inFlight.remove(job.jid());
			releaseSlots(1);
		}
	}

	private @Nullable JobOutcome invoke(InFlightJob job, Observation observation) {
		Job popped = job.job();
		JobHandler handler = this.handlers.get(popped.klass());
		if (handler == null) {
			NoHandlerException error = new NoHandlerException("No handler for klass '" + popped.klass()
					+ "' in queue '" + this.queue + "' on worker " + this.settings.workerName() + "; handlers here: "
					+ this.handlers.keySet());
			logger.warn("qless: failing job " + popped.jid() + ": " + error.getMessage());
			return new JobOutcome.Fail(popped, NoHandlerException.class.getName(), error.getMessage());
		}
		try {
			Object result = handler.invoker().invoke(job);
			if (job.isSettled() || job.isLockLost()) {
				return null;
			}
			return (result instanceof Next next) ? new JobOutcome.Advance(popped, next) : new JobOutcome.Complete(popped);
		}
		catch (VirtualMachineError ex) {
			throw ex;
		}
		catch (Throwable ex) {
			observation.error(ex);
			if (job.isLockLost()) {
				logger.debug("qless: handler of job " + popped.jid() + " ended after its lock was lost", ex);
				return null;
			}
			if (job.isSettled()) {
				logger.warn("qless: handler of job " + popped.jid() + " threw after settling the job", ex);
				return null;
			}
			FailurePolicy.Decision decision = handler.failurePolicy()
				.decide(ex, (int) popped.retries(), (int) popped.remaining());
			if (decision.retry()) {
				logger.info("qless: job " + popped.jid() + " (" + popped.klass() + ") failed an attempt and is retried in "
						+ decision.delay() + " if retries are left: " + ex);
				return new JobOutcome.Retry(popped, decision.delay(), decision.group(), decision.message());
			}
			logger.warn("qless: job " + popped.jid() + " (" + popped.klass() + ") failed: " + ex);
			return new JobOutcome.Fail(popped, decision.group(), decision.message());
		}
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public void stop(Runnable callback) {
		Thread pollerThread;
		synchronized (this) {
			if (!this.running) {
				callback.run();
				return;
			}
			this.running = false;
			pollerThread = this.poller;
		}
		wakePoller();
		Thread stopper = new Thread(() -> {
			try {
				shutDown(pollerThread);
			}
			finally {
				callback.run();
			}
		}, "qless-" + this.queue + "-stop");
		stopper.start();
	}

	private void shutDown(@Nullable Thread pollerThread) {
		long deadline = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
		this.subscriptions.forEach(QlessEventSubscriber.Subscription::cancel);
		this.subscriptions.clear();
		joinQuietly(pollerThread, 5_000);
		ExecutorService threads = this.handlerThreads;
		if (threads != null) {
			threads.shutdown();
			try {
				if (!threads.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					abandonRunningJobs();
					threads.shutdownNow();
				}
			}
			catch (InterruptedException ex) {
				abandonRunningJobs();
				threads.shutdownNow();
				Thread.currentThread().interrupt();
			}
		}
		OutcomeSender outcomes = this.sender;
		if (outcomes != null) {
			outcomes.stop(Duration.ofSeconds(5));
		}
		ScheduledExecutorService heartbeats = this.scheduler;
		if (heartbeats != null) {
			heartbeats.shutdownNow();
		}
		deregisterWorker();
		logger.info("qless: worker " + this.settings.workerName() + " stopped serving queue '" + this.queue + "'");
	}

	/**
	 * Remove the worker from qless's list, waiting at most a moment: when Redis is already
	 * gone at shutdown the worker simply ages out of the list.
	 */
	private void deregisterWorker() {
		Thread deregister = new Thread(() -> {
			try {
				this.qless.workers().deregister(this.settings.workerName());
			}
			catch (RuntimeException ex) {
				logger.debug("qless: could not deregister worker " + this.settings.workerName(), ex);
			}
		}, "qless-" + this.queue + "-deregister");
		deregister.setDaemon(true);
		deregister.start();
		joinQuietly(deregister, DEREGISTER_TIMEOUT_MILLIS);
	}

	private void abandonRunningJobs() {
		List<String> jids = new ArrayList<>();
		for (InFlightJob job : this.inFlight.values()) {
			if (!job.isSettled() && job.markLockLost()) {
				jids.add(job.jid());
			}
		}
		if (!jids.isEmpty()) {
			logger.warn("qless: shutdown timeout " + this.settings.shutdownTimeout() + " reached in queue '" + this.queue
					+ "'; jobs " + jids + " are left to expire and will be handed out again");
		}
	}

	private static void joinQuietly(@Nullable Thread thread, long millis) {
		if (thread == null) {
			return;
		}
		try {
			thread.join(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public boolean isAutoStartup() {
		return this.settings.autoStartup();
	}

}
