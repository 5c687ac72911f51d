package io.qless.listener;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What the observation of one job run knows: the job's queue, klass and jid, and, once the
 * handler has returned, the outcome.
 */
public class QlessJobObservationContext extends Observation.Context {

	private final String queue;

	private final String klass;

	private final String jid;

	private volatile @Nullable String outcome;

	/**
	 * Create a context.
	 * @param queue the queue
	 * @param klass the job's klass
	 * @param jid the job id
	 */
	public QlessJobObservationContext(String queue, String klass, String jid) {
		this.queue = queue;
		this.klass = klass;
		this.jid = jid;
	}

	public String getQueue() {
		return this.queue;
	}

	public String getKlass() {
		return this.klass;
	}

	public String getJid() {
		return this.jid;
	}

	/**
	 * Return what the container does with the job after the handler ran:
	 * {@code completed}, {@code advanced}, {@code retried}, {@code failed},
	 * {@code settled} (the handler settled it itself), {@code lock_lost} or
	 * {@code timed_out}; {@code null} while the handler runs.
	 * @return the outcome
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	public void setOutcome(@Nullable String outcome) {
		this.outcome = outcome;
	}

}
