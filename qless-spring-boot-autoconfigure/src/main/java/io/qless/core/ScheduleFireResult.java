package io.qless.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What {@link ScheduleOperations#fire} or {@link ScheduleOperations#skip} did.
 *
 * @param outcome what happened
 * @param jid the job of the fire time ({@link Outcome#FIRED}, {@link Outcome#ALREADY_FIRED})
 * @param next the schedule's next fire time now stored, {@code null} if unknown
 */
public record ScheduleFireResult(Outcome outcome, @Nullable String jid, @Nullable Instant next) {

	/**
	 * The outcome of a fire or skip.
	 */
	public enum Outcome {

		/** The job was put and the next fire time moved. */
		FIRED,

		/** The next fire time moved without a job. */
		SKIPPED,

		/** The job of this fire time exists: fired by an earlier call. */
		ALREADY_FIRED,

		/** The stored next fire time is another one (another instance fired it), or later than now. */
		NOT_DUE,

		/** The schedule is paused. */
		PAUSED,

		/** No such schedule. */
		UNKNOWN

	}

}
