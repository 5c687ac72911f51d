package io.qless.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A schedule as Redis holds it: its definition and its state.
 *
 * @param definition the definition
 * @param paused whether it is paused (puts no job until resumed)
 * @param next the next fire time (for an interval schedule: when its template spawns the
 * next job), {@code null} while paused
 * @param last the fire time of the last job put by the schedule, {@code null} if none
 * @param lastJid the jid of that job
 * @param lastPut when that job was put, {@code null} for an interval schedule (spawned by
 * whichever client popped its queue)
 * @param fired how many jobs it put for fire times (an interval schedule: its template's
 * count)
 * @param skipped how many missed fire times it skipped
 * @param triggered how many jobs were put by a trigger
 */
public record ScheduleInfo(ScheduleDefinition definition, boolean paused, @Nullable Instant next,
		@Nullable Instant last, @Nullable String lastJid, @Nullable Instant lastPut, long fired, long skipped,
		long triggered) {

	/**
	 * Return the schedule name.
	 * @return the name
	 */
	public String name() {
		return this.definition.name();
	}

}
