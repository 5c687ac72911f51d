package io.qless.listener;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.micrometer.observation.Observation;
import io.qless.core.CrossShardException;
import io.qless.core.Job;
import io.qless.handler.Next;
import io.qless.handler.NoHandlerException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Runs one popped job on a handler thread: renews a lease that the pop granted too late,
 * calls the handler through the interceptors inside one observation, turns what it returned
 * or threw into an outcome (asking the error handler when it threw), and hands the outcome
 * to the sender.
 */
final class JobRunner {

	private static final Log logger = LogFactory.getLog(JobRunner.class);

	/** A popped job with less of its lease left than this is renewed before it runs. */
	private static final long MIN_LEASE_MILLIS = 1_000;

	private final ContainerRun run;

	private final ListenerComponents components;

	JobRunner(ContainerRun run, ListenerComponents components) {
		this.run = run;
		this.components = components;
	}

	void run(InFlightJob job) {
		if (!job.start()) {
			this.run.loop().dropped();
			this.run.inFlight().remove(job.jid(), job);
			return;
		}
		this.run.loop().started();
		JobHandler handler = this.components.handlers().get(job.klass());
		QlessJobObservationContext context = new QlessJobObservationContext(job.queue(), job.klass(), job.jid());
		Observation observation = QlessJobObservation.JOB.observation(this.components.observationConvention(),
				DefaultQlessJobObservationConvention.INSTANCE, () -> context, this.components.observationRegistry());
		JobOutcome outcome = null;
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			if (leaseIsOver(job) && !this.run.heartbeater().renew(job)) {
				context.setOutcome("lock_lost");
			}
			else {
				this.run.timeouts().watch(job, timeout(handler));
				outcome = withinShard(invoke(job, handler, observation));
				context.setOutcome(describe(job, outcome));
			}
		}
		catch (RuntimeException | Error ex) {
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
			Thread.interrupted();
			finish(job, outcome);
		}
	}

	private void finish(InFlightJob job, @Nullable JobOutcome outcome) {
		this.run.timeouts().unwatch(job);
		if (!job.finish()) {
			// Timed out first: the slot was freed then, and the outcome no longer counts.
			this.run.timeouts().handlerEnded(job);
			return;
		}
		Duration handlerTime = job.elapsed();
		// Queued before the job leaves the in-flight map, which a stopping container waits on.
		this.run.loop().finished((outcome != null && job.claimSettlement()) ? outcome : null, handlerTime);
		// The slot is free: the same jid may be popped again already, and is then a new entry.
		this.run.inFlight().remove(job.jid(), job);
	}

	/**
	 * Turn a move into a queue of another shard into a failure that says so.
	 */
	private @Nullable JobOutcome withinShard(@Nullable JobOutcome outcome) {
		if (!(outcome instanceof JobOutcome.Advance advance)) {
			return outcome;
		}
		CrossShardException refusal = ShardMoves.refusal(this.components.qless().shards(), advance.job(),
				advance.next().queue());
		if (refusal == null) {
			return outcome;
		}
		logger.warn("qless: failing job " + advance.job().jid() + ": " + refusal.getScriptMessage());
		return new JobOutcome.Fail(advance.job(), CrossShardException.class.getName(), refusal.getScriptMessage());
	}

	private boolean leaseIsOver(InFlightJob job) {
		double expires = job.job().expires();
		return expires > 0 && expires * 1000 - clock().millis() < MIN_LEASE_MILLIS;
	}

	private Clock clock() {
		return this.components.clock();
	}

	private Duration timeout(@Nullable JobHandler handler) {
		Duration own = (handler != null) ? handler.endpoint().options().timeout() : null;
		return (own != null) ? own : this.components.settings().handlerTimeout();
	}

	private static String describe(InFlightJob job, @Nullable JobOutcome outcome) {
		if (job.isTimedOut()) {
			return "timed_out";
		}
		if (outcome != null) {
			return outcome.name(null);
		}
		return job.isLockLost() ? "lock_lost" : "settled";
	}

	private @Nullable JobOutcome invoke(InFlightJob job, @Nullable JobHandler handler, Observation observation) {
		Job popped = job.job();
		if (handler == null) {
			NoHandlerException error = new NoHandlerException("No handler for klass '" + popped.klass()
					+ "' in queue '" + popped.queue() + "' on worker " + this.components.settings().workerName()
					+ "; handlers here: " + this.components.handlers().keySet());
			logger.warn("qless: failing job " + popped.jid() + ": " + error.getMessage());
			return new JobOutcome.Fail(popped, NoHandlerException.class.getName(), error.getMessage());
		}
		try {
			Object result = proceed(job, handler, this.components.interceptors(), 0);
			if (job.isSettled() || job.isLockLost()) {
				return null;
			}
			return (result instanceof Next next) ? new JobOutcome.Advance(popped, job.rawData(), next)
					: new JobOutcome.Complete(popped, job.rawData());
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
			FailedAttempt attempt = new FailedAttempt(job, ex, handler.endpoint().options());
			ErrorDecision decision = this.components.errorHandler().handle(attempt);
			log(popped, attempt, decision);
			return JobOutcome.of(popped, job.rawData(), decision);
		}
	}

	private static @Nullable Object proceed(InFlightJob job, JobHandler handler, List<QlessJobInterceptor> interceptors,
			int index) throws Exception {
		if (index == interceptors.size()) {
			return handler.invoker().invoke(job);
		}
		return interceptors.get(index).intercept(job, () -> proceed(job, handler, interceptors, index + 1));
	}

	private static void log(Job job, FailedAttempt attempt, ErrorDecision decision) {
		String what = "qless: job " + job.jid() + " (" + job.klass() + ") in queue '" + job.queue() + "': attempt "
				+ attempt.attempt() + " of " + attempt.maxAttempts() + " failed (" + attempt.error() + ")";
		if (decision instanceof ErrorDecision.Retry retry && !attempt.isLastAttempt()) {
			logger.info(what + "; retrying in " + seconds(retry.delay()));
		}
		else if (decision instanceof ErrorDecision.Retry retry) {
			logger.warn(what + "; no retries left, failed with group '" + retry.group() + "'", attempt.error());
		}
		else if (decision instanceof ErrorDecision.Fail fail) {
			logger.warn(what + "; failed with group '" + fail.group() + "'", attempt.error());
		}
		else if (decision instanceof ErrorDecision.MoveTo move) {
			logger.warn(what + "; moved to queue '" + move.next().queue() + "'", attempt.error());
		}
	}

	private static String seconds(Duration delay) {
		if (delay.toMillis() % 1000 != 0) {
			return delay.toMillis() + " ms";
		}
		return delay.toSeconds() + " s";
	}

}
