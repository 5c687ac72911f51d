package io.qless.core;

import java.util.Locale;

/**
 * What a schedule does about fire times that passed without a job, for example while no
 * instance of the application ran: a fire time is missed when it is older than the
 * scheduler's misfire threshold ({@code qless.schedules.misfire-threshold}, one minute by
 * default) by the time a scheduler sees it; later ones are fired as usual.
 */
public enum MisfirePolicy {

	/**
	 * One job for all the missed fire times (with the first of them as its fire time), then
	 * on with the first fire time after now.
	 */
	FIRE_ONCE,

	/**
	 * No job for the missed fire times: on with the first fire time after now. Cron schedules
	 * only (a qless recurring template, which an interval schedule is, always spawns one).
	 */
	SKIP,

	/**
	 * One job for each missed fire time, oldest first, at most
	 * {@value ScheduleDefinition#MAX_CATCH_UP}; beyond that the older ones are skipped.
	 */
	FIRE_ALL;

	/**
	 * Return the name stored in Redis and used in properties: {@code fire-once},
	 * {@code skip} or {@code fire-all}.
	 * @return the name
	 */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Return the policy of a name: {@code fire-once}, {@code skip} or {@code fire-all}, in
	 * any case, with {@code -} or {@code _}.
	 * @param name the name
	 * @return the policy
	 * @throws IllegalArgumentException for another name
	 */
	public static MisfirePolicy fromWireName(String name) {
		String wanted = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
		for (MisfirePolicy policy : values()) {
			if (policy.name().equals(wanted)) {
				return policy;
			}
		}
		throw new IllegalArgumentException("Unknown misfire policy '" + name + "'; use fire-once, skip or fire-all");
	}

}
