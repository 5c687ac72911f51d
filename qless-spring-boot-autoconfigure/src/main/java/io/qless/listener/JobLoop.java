package io.qless.listener;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import io.qless.core.BatchResult;
import io.qless.core.Job;
import io.qless.core.QlessException;
import io.qless.core.QlessOperations;
import io.qless.core.QlessTemplate;
import io.qless.core.QlessUnavailableException;
import io.qless.core.SettleResult;
import io.qless.core.Settlement;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The part of a container that talks to Redis for its queue: it settles the jobs whose
 * handlers finished (complete, advance, retry, fail) and pops the next ones, both in one
 * {@code settle} script call, so that a busy worker costs Redis one call per batch of
 * jobs. Up to {@link #MAX_CALLS} calls are on their way at once, so that Redis never waits
 * for the worker to hand out the answer of the call before. When Redis is unreachable the
 * outcomes are kept and sent again once it answers: a finished job is never forgotten
 * while the container runs.
 * <p>
 * Threads: answers are handed out oldest call first, and the loop's own thread backs off
 * while Redis does not answer. A call is sent by the thread that made it due: a handler
 * thread with its outcome, the event thread that announced work, or the loop's thread.
 * Each thread that wakes another costs a job time, most of all on a busy machine, so the
 * client's I/O thread that receives an answer hands its jobs out and sends the next call
 * itself when the handlers run on the container's own threads (whose hand-off never
 * blocks): an idle worker's path from an announced put to a running handler wakes no
 * thread but a handler thread, and a busy worker's pipeline does not wait for the loop's
 * thread to be scheduled. The loop's thread reports the outcomes the answer carried
 * (observers, handlers waiting for their outcome's answer), so that no observer runs on
 * the client's threads. Other threads send only while Redis answers and the client's calls
 * never block the caller (see {@link QlessTemplate#sendsWithoutBlocking()}); otherwise the
 * loop's thread sends and hands out, as it does when it backs off.
 * <p>
 * Popping: a slot is held from the pop until the job's handler has returned (or was given
 * up). A few popped jobs may wait locally for a handler thread: as many as the handlers get
 * through in about {@link #PREFETCH_BUDGET_NANOS}, at most two batches (the next one is
 * popped while the handlers work through the one before), none before the first job has
 * been timed, and none once a job holding throttle locks was seen (a job waiting here would
 * keep its locks from other workers). After a pop that found fewer jobs than it
 * asked for, the loop pops again only when qless announces work in the queue
 * ({@link #wakeUp()}) or after the idle poll interval. A paused loop pops nothing; the jobs
 * it holds run on and are settled.
 */
final class JobLoop {

	private static final Log logger = LogFactory.getLog(JobLoop.class);

	private static final long PREFETCH_BUDGET_NANOS = 100_000_000;

	private static final int MAX_SETTLEMENTS = 512;

	/**
	 * Most settle calls on their way at once: Redis works on one while the answer of the
	 * one before is handed out. A third one made the calls smaller (about 14 jobs each
	 * instead of 20 on a busy worker) and cost Redis more per job: each call costs it about
	 * as much as a few jobs do.
	 */
	private static final int MAX_CALLS = 2;

	private final String queue;

	private final ContainerSettings settings;

	private final QlessOperations qless;

	private final Consumer<List<Job>> dispatcher;

	private final OutcomeReporter reporter;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	private final List<OutcomeReporter.Pending> outcomes = new ArrayList<>();

	private final Thread thread;

	/** Whether threads other than the loop's may send calls (when Redis answers). */
	private final boolean directSends;

	/** Whether the dispatcher never blocks, so that any thread may hand out jobs. */
	private final boolean directHandOuts;

	/**
	 * Popped jobs handed out whose handlers have not started: raised under the lock, before
	 * the jobs are handed out, and lowered without it as each handler starts, which then
	 * takes the lock only when it was the last (each handler start taking the lock was most
	 * of a busy container's waits for it).
	 */
	private final AtomicInteger waitingToStart = new AtomicInteger();

	// guarded by lock
	private final ArrayDeque<Call> calls = new ArrayDeque<>();

	/**
	 * Answers whose jobs a client thread handed out, in the order of their calls, and
	 * whose outcomes the loop's thread reports (observers and waiting handlers never run
	 * on the client's threads).
	 */
	private final ArrayDeque<Answer> unreported = new ArrayDeque<>();

	/** Outcomes of calls Redis did not answer, sent again first. */
	private final List<OutcomeReporter.Pending> retry = new ArrayList<>();

	/** Whether the last answer arrived: other threads may send. */
	private boolean answering;

	private int held;

	private boolean announced;

	private boolean idle;

	/** The number of the last call sent, and of the newest pop whose answer set {@link #idle}. */
	private long sentCalls;

	private long idleSetBy;

	private long nextPollNanos;

	/** Moving average of handler run time, 0 until the first job has run. */
	private volatile long averageHandlerNanos;

	private volatile boolean throttledJobsSeen;

	private volatile boolean popping = true;

	private volatile boolean finishing;

	private volatile boolean pauseRequested;

	private volatile boolean paused;

	private volatile boolean abandoned;

	private volatile int unsent;

	/**
	 * @param dispatcher runs the handlers of popped jobs, given the jobs of one answer at a
	 * time
	 * @param dispatcherNeverBlocks whether the dispatcher only hands the jobs to other threads
	 * and never blocks or runs them on the caller's thread
	 */
	JobLoop(String queue, ContainerSettings settings, QlessOperations qless, Consumer<List<Job>> dispatcher,
			boolean dispatcherNeverBlocks, OutcomeReporter reporter) {
		this.queue = queue;
		this.settings = settings;
		this.qless = qless;
		this.dispatcher = dispatcher;
		this.reporter = reporter;
		this.directSends = qless instanceof QlessTemplate template && template.sendsWithoutBlocking();
		this.directHandOuts = this.directSends && dispatcherNeverBlocks;
		this.thread = new Thread(this::loop, "qless-" + queue + "-redis");
		this.thread.setDaemon(true);
	}

	void start(boolean startPaused) {
		this.pauseRequested = startPaused;
		this.thread.start();
	}

	/**
	 * Pop no more jobs; outcomes are still sent.
	 */
	void stopPopping() {
		this.popping = false;
		signal();
	}

	/**
	 * Send the outcomes still queued, then stop, waiting at most {@code timeout}; outcomes
	 * not sent by then are logged and left (those jobs are handed out again when their
	 * leases end).
	 */
	void finish(Duration timeout) {
		this.popping = false;
		this.finishing = true;
		signal();
		try {
			this.thread.join(Math.max(1, timeout.toMillis()));
			if (this.thread.isAlive()) {
				this.abandoned = true;
				this.thread.interrupt();
				this.thread.join(1_000);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		int lost = Math.max(this.unsent, pendingCount());
		if (lost > 0) {
			logger.warn("qless: " + lost + " job outcomes of queue '" + this.queue + "' could not be sent before "
					+ "shutdown; those jobs will be handed out again when their locks expire");
		}
	}

	void pause() {
		this.pauseRequested = true;
		signal();
	}

	void resume() {
		this.pauseRequested = false;
		announce();
	}

	boolean isPauseRequested() {
		return this.pauseRequested;
	}

	/**
	 * Return whether the loop is paused: asked to pause, and no pop in progress.
	 */
	boolean isPaused() {
		return this.paused;
	}

	/**
	 * qless announced work in the queue: pop at once if there is room, instead of at the
	 * next poll.
	 */
	void wakeUp() {
		announce();
	}

	private void announce() {
		this.lock.lock();
		try {
			this.announced = true;
			sendOrSignal();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void signal() {
		this.lock.lock();
		try {
			this.changed.signal();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A job's handler returned after {@code handlerTime}: queue its outcome, if any, to be
	 * sent with the next call, and free its slot.
	 */
	void finished(@Nullable JobOutcome outcome, Duration handlerTime) {
		long handlerNanos = handlerTime.toNanos();
		if (handlerNanos > 0) {
			long average = this.averageHandlerNanos;
			this.averageHandlerNanos = (average == 0) ? Math.max(1, handlerNanos)
					: Math.max(1, average + (handlerNanos - average) / 8);
		}
		this.lock.lock();
		try {
			if (outcome != null) {
				this.outcomes.add(new OutcomeReporter.Pending(outcome, handlerTime, null, 0));
			}
			this.held--;
			sendOrSignal();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Queue an outcome and wait until qless has accepted or refused it. While Redis is
	 * unreachable the outcome is kept and sent again, and this keeps waiting.
	 * @throws io.qless.core.QlessException what qless refused the outcome with
	 * @throws QlessUnavailableException if the thread is interrupted first (the outcome
	 * stays queued)
	 */
	void sendAndWait(JobOutcome outcome, Duration handlerTime) {
		Assert.state(!this.finishing, () -> "The container is stopping; job " + outcome.job().jid() + " was not settled");
		CompletableFuture<Void> answered = new CompletableFuture<>();
		enqueue(new OutcomeReporter.Pending(outcome, handlerTime, answered, 0));
		try {
			answered.get();
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : new CompletionException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new QlessUnavailableException(outcome.name(null), "interrupted while waiting for qless to accept job "
					+ outcome.job().jid() + "; the outcome stays queued and is sent when Redis answers", ex);
		}
	}

	private void enqueue(OutcomeReporter.Pending pending) {
		this.lock.lock();
		try {
			this.outcomes.add(pending);
			sendOrSignal();
		}
		finally {
			this.lock.unlock();
		}
	}

	private int pendingCount() {
		this.lock.lock();
		try {
			return this.outcomes.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A popped job's handler started.
	 */
	void started() {
		if (this.waitingToStart.decrementAndGet() == 0) {
			this.lock.lock();
			try {
				sendOrSignal();
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	/**
	 * A job was given up (its handler timed out, or was abandoned): free its slot.
	 */
	void givenUp() {
		release(1);
	}

	/**
	 * A popped job will not run here (dropped before its handler started).
	 */
	void dropped() {
		this.waitingToStart.decrementAndGet();
		release(1);
	}

	private void loop() {
		Backoff backoff = new Backoff("talking to Redis for queue '" + this.queue + "'");
		while (!this.abandoned) {
			Call call = nextAnswer();
			if (call == null) {
				if (reportHandedOut()) {
					continue;
				}
				break;
			}
			if (!answered(call, backoff)) {
				break;
			}
		}
		// Answered outcomes still tell their observers and waiting handlers.
		reportHandedOut();
		this.lock.lock();
		try {
			int onTheirWay = this.calls.stream().mapToInt((call) -> call.batch().size()).sum();
			this.unsent = this.retry.size() + this.outcomes.size() + onTheirWay;
			this.answering = false;
		}
		finally {
			this.lock.unlock();
		}
		this.paused = false;
	}

	/**
	 * Report what qless answered to a call and hand out the jobs it popped; keep its
	 * outcomes to send again when Redis did not answer.
	 * @return {@code false} when the loop must end (interrupted while backing off)
	 */
	private boolean answered(Call call, Backoff backoff) {
		List<OutcomeReporter.Pending> batch = call.batch();
		SettleResult result;
		try {
			result = call.reply().join();
			backoff.succeeded();
			answering(true);
		}
		catch (CompletionException | CancellationException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof QlessException refused && !(cause instanceof QlessUnavailableException)) {
				// qless refused the whole call: no use sending it again
				release(call.count());
				batch.forEach((pending) -> this.reporter.report(pending, new BatchResult<>(null, refused)));
				return true;
			}
			this.lock.lock();
			try {
				// before the slots are freed: no other thread sends to a Redis that did not answer
				this.answering = false;
				batch.forEach((pending) -> this.retry.add(pending.resent()));
			}
			finally {
				this.lock.unlock();
			}
			release(call.count());
			RuntimeException error = (cause instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(cause);
			return !this.abandoned && backoff.pause(error);
		}
		report(new Answer(batch, result));
		handOut(result.jobs(), call);
		return true;
	}

	private void report(Answer answer) {
		List<OutcomeReporter.Pending> batch = answer.batch();
		for (int i = 0; i < batch.size(); i++) {
			this.reporter.report(batch.get(i), answer.result().outcomes().get(i));
		}
	}

	/**
	 * Report the outcomes of the answers that client threads handed out, oldest first.
	 * @return whether there were any
	 */
	private boolean reportHandedOut() {
		List<Answer> answers;
		this.lock.lock();
		try {
			if (this.unreported.isEmpty()) {
				return false;
			}
			answers = new ArrayList<>(this.unreported);
			this.unreported.clear();
		}
		finally {
			this.lock.unlock();
		}
		answers.forEach(this::report);
		return true;
	}

	private void answering(boolean answering) {
		this.lock.lock();
		try {
			this.answering = answering;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Wait for the answer of the oldest call, sending the calls that are due meanwhile.
	 * @return the answered call, or {@code null} when outcomes of answers handed out on a
	 * client thread wait to be reported, or else when finished
	 */
	private @Nullable Call nextAnswer() {
		this.lock.lock();
		try {
			while (true) {
				if (!this.unreported.isEmpty()) {
					return null;
				}
				Call oldest = this.calls.peekFirst();
				if (oldest != null && oldest.reply().isDone()) {
					return this.calls.removeFirst();
				}
				sendAllDue();
				boolean canPop = this.popping && !this.pauseRequested;
				this.paused = this.popping && this.pauseRequested && this.calls.isEmpty();
				if (this.finishing && !this.popping && this.calls.isEmpty() && this.retry.isEmpty()
						&& this.outcomes.isEmpty()) {
					return null;
				}
				long waitNanos = (canPop && this.idle && this.calls.isEmpty())
						? Math.max(1, this.nextPollNanos - System.nanoTime()) : TimeUnit.MILLISECONDS.toNanos(100);
				this.changed.awaitNanos(waitNanos);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Something may have become due: send it from this thread when other threads may send,
	 * else wake the loop's thread. Call with the lock held.
	 */
	private void sendOrSignal() {
		if (this.directSends && this.answering && !this.abandoned && Thread.currentThread() != this.thread) {
			sendAllDue();
		}
		else {
			this.changed.signal();
		}
	}

	/**
	 * Send as many calls as are due and may be on their way. Call with the lock held.
	 */
	private void sendAllDue() {
		while (sendDue()) {
			// one more
		}
	}

	/**
	 * Send one call if one is due: with fewer than {@link #MAX_CALLS} calls on their way,
	 * outcomes to send or room to pop (with work announced, or the idle poll due). Call with
	 * the lock held.
	 * @return whether a call was sent
	 */
	private boolean sendDue() {
		if (this.calls.size() >= MAX_CALLS) {
			return false;
		}
		boolean canPop = this.popping && !this.pauseRequested;
		int count = canPop && (!this.idle || this.announced || System.nanoTime() >= this.nextPollNanos) ? popSize()
				: 0;
		if (count == 0 && this.retry.isEmpty() && this.outcomes.isEmpty()) {
			return false;
		}
		List<OutcomeReporter.Pending> batch = new ArrayList<>(this.retry);
		this.retry.clear();
		int take = Math.min(this.outcomes.size(), MAX_SETTLEMENTS - batch.size());
		if (take > 0) {
			List<OutcomeReporter.Pending> head = this.outcomes.subList(0, take);
			batch.addAll(head);
			head.clear();
		}
		this.held += count;
		this.announced = false;
		Call call = new Call(++this.sentCalls, batch, count, settle(batch, count));
		this.calls.addLast(call);
		call.reply().whenComplete((result, ex) -> {
			if (ex != null || !handOutHere(call, result)) {
				signal();
			}
		});
		return true;
	}

	/**
	 * Hand out the jobs of an answered call on this (I/O) thread rather than wake the
	 * loop's thread for it, and send the next call: only the oldest call, while Redis
	 * answers. The outcomes it carried are left to the loop's thread to report: observers
	 * and handlers waiting for their outcome's answer are told a little later, while the
	 * next jobs already run (on a busy machine the loop's thread may wait milliseconds to
	 * be scheduled, and the worker's pipeline with it).
	 * @return whether the answer was handled
	 */
	private boolean handOutHere(Call call, SettleResult result) {
		if (!this.directHandOuts || this.lock.isHeldByCurrentThread()) {
			return false;
		}
		boolean outcomes = !call.batch().isEmpty();
		this.lock.lock();
		try {
			if (!this.answering || this.abandoned || this.calls.peekFirst() != call) {
				return false;
			}
			this.calls.removeFirst();
			if (outcomes) {
				// queued as the call leaves: the loop's thread, which ends once it finds
				// neither, never misses it
				this.unreported.addLast(new Answer(call.batch(), result));
			}
		}
		finally {
			this.lock.unlock();
		}
		handOut(result.jobs(), call);
		this.lock.lock();
		try {
			sendOrSignal();
			if (outcomes || this.finishing || this.pauseRequested) {
				// the loop's thread reports, and decides when it is finished or paused
				this.changed.signal();
			}
		}
		finally {
			this.lock.unlock();
		}
		return true;
	}

	private CompletableFuture<SettleResult> settle(List<OutcomeReporter.Pending> batch, int count) {
		try {
			return this.qless.queue(this.queue).settleAsync(this.settings.workerName(), settlements(batch), count);
		}
		catch (RuntimeException ex) {
			// Such as no connection to Redis yet: answered like a call that failed.
			return CompletableFuture.failedFuture(ex);
		}
	}

	private void handOut(List<Job> jobs, Call call) {
		int count = call.count();
		this.lock.lock();
		try {
			this.waitingToStart.addAndGet(jobs.size());
			this.held -= count - jobs.size();
			// Answers may be handed out on two threads at once: the newest pop tells.
			if (count > 0 && call.number() > this.idleSetBy) {
				this.idleSetBy = call.number();
				this.idle = jobs.size() < count;
				if (this.idle) {
					this.nextPollNanos = System.nanoTime() + this.settings.idlePollInterval().toNanos();
				}
			}
		}
		finally {
			this.lock.unlock();
		}
		for (Job job : jobs) {
			if (!job.throttles().isEmpty()) {
				this.throttledJobsSeen = true;
			}
		}
		if (!jobs.isEmpty()) {
			this.dispatcher.accept(jobs);
		}
	}

	/**
	 * One settle call: its number in the order sent, the outcomes it carries, how many jobs
	 * it pops, and its answer.
	 */
	private record Call(long number, List<OutcomeReporter.Pending> batch, int count,
			CompletableFuture<SettleResult> reply) {
	}

	/**
	 * The outcomes a call carried and what qless answered.
	 */
	private record Answer(List<OutcomeReporter.Pending> batch, SettleResult result) {
	}

	private static List<Settlement> settlements(List<OutcomeReporter.Pending> batch) {
		List<Settlement> settlements = new ArrayList<>(batch.size());
		for (OutcomeReporter.Pending pending : batch) {
			settlements.add(pending.outcome().settlement());
		}
		return settlements;
	}

	/**
	 * Return how many popped jobs may wait locally for a handler thread: up to two batches,
	 * so that the next batch is popped while the handlers still have one to work through
	 * (with a single batch, a worker whose handlers are fast waits for each pop's round
	 * trip, and longest on a busy machine where each thread waits to be scheduled).
	 */
	private int prefetch() {
		long average = this.averageHandlerNanos;
		if (average == 0 || this.throttledJobsSeen) {
			return 0;
		}
		long affordable = PREFETCH_BUDGET_NANOS * this.settings.concurrency() / Math.max(1, average);
		return (int) Math.min(2L * this.settings.batchSize(), affordable);
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
		return (free >= batch || (free > 0 && this.waitingToStart.get() == 0)) ? Math.min(free, batch) : 0;
	}

	private void release(int count) {
		if (count == 0) {
			return;
		}
		this.lock.lock();
		try {
			this.held -= count;
			sendOrSignal();
		}
		finally {
			this.lock.unlock();
		}
	}

}
