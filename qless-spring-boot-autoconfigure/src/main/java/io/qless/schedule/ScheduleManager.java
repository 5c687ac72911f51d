package io.qless.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.qless.core.QlessOperations;
import io.qless.core.ScheduleChange;
import io.qless.core.ScheduleDefinition;
import io.qless.core.ScheduleInfo;
import io.qless.core.SchedulePage;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Schedules as an operator handles them (the Actuator endpoint, the dashboard): list, pause,
 * resume, trigger, register, with the cron fire times computed here, from the
 * {@link Clock}. Works whether or not this application runs a {@link QlessScheduler}.
 */
public class ScheduleManager {

	private static final int CACHED_EXPRESSIONS = 1000;

	private final QlessOperations qless;

	private final Clock clock;

	private final Map<String, CronSchedule> expressions = new ConcurrentHashMap<>();

	/**
	 * Create a manager.
	 * @param qless the qless client
	 * @param clock the clock fire times are computed from
	 */
	public ScheduleManager(QlessOperations qless, Clock clock) {
		Assert.notNull(qless, "'qless' must not be null");
		Assert.notNull(clock, "'clock' must not be null");
		this.qless = qless;
		this.clock = clock;
	}

	/**
	 * Return the fire times of an expression in a zone (cached).
	 * @param expression the cron expression
	 * @param zone the time zone
	 * @return the schedule
	 */
	public CronSchedule cron(String expression, ZoneId zone) {
		String key = zone.getId() + " " + expression;
		CronSchedule cached = this.expressions.get(key);
		if (cached != null) {
			return cached;
		}
		if (this.expressions.size() >= CACHED_EXPRESSIONS) {
			this.expressions.clear();
		}
		CronSchedule schedule = CronSchedule.of(expression, zone);
		this.expressions.put(key, schedule);
		return schedule;
	}

	Clock clock() {
		return this.clock;
	}

	QlessOperations qless() {
		return this.qless;
	}

	/**
	 * Create or change a schedule in Redis; one with the same definition is left alone.
	 * @param definition the definition
	 * @return what was done
	 */
	public ScheduleChange register(ScheduleDefinition definition) {
		Instant first = null;
		String cron = definition.cron();
		if (cron != null) {
			first = cron(cron, definition.zone()).next(this.clock.instant());
		}
		return this.qless.schedules().set(definition, first);
	}

	/**
	 * Return a page of the schedules, in name order.
	 * @param offset how many to skip
	 * @param count how many at most
	 * @return the page
	 */
	public SchedulePage list(int offset, int count) {
		return this.qless.schedules().list(offset, count);
	}

	/**
	 * Return a schedule.
	 * @param name the schedule name
	 * @return the schedule, or {@code null}
	 */
	public @Nullable ScheduleInfo get(String name) {
		return this.qless.schedules().get(name);
	}

	/**
	 * Pause a schedule.
	 * @param name the schedule name
	 * @return the schedule, or {@code null} if there is none of that name
	 */
	public @Nullable ScheduleInfo pause(String name) {
		return this.qless.schedules().pause(name);
	}

	/**
	 * Resume a schedule; fire times that passed while it was paused are skipped.
	 * @param name the schedule name
	 * @return the schedule, or {@code null} if there is none of that name
	 */
	public @Nullable ScheduleInfo resume(String name) {
		ScheduleInfo schedule = get(name);
		if (schedule == null) {
			return null;
		}
		Instant next = null;
		String cron = schedule.definition().cron();
		if (cron != null) {
			next = cron(cron, schedule.definition().zone()).next(this.clock.instant());
		}
		return this.qless.schedules().resume(name, next);
	}

	/**
	 * Put one job of a schedule now, leaving its fire times alone.
	 * @param name the schedule name
	 * @return the jid, or {@code null} if there is no schedule of that name
	 */
	public @Nullable String trigger(String name) {
		return this.qless.schedules().trigger(name);
	}

	/**
	 * Delete a schedule; jobs it put stay.
	 * @param name the schedule name
	 * @return whether it existed
	 */
	public boolean delete(String name) {
		return this.qless.schedules().delete(name);
	}

}
