package io.qless.core;

/**
 * What {@link ScheduleOperations#set} did.
 */
public enum ScheduleChange {

	/** The schedule did not exist and was made. */
	CREATED,

	/** The schedule had another definition and was changed. */
	UPDATED,

	/** The schedule had the same definition: nothing was written. */
	UNCHANGED

}
