package io.qless.core;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.Assert;

/**
 * A named schedule: the job it puts (queue, class name, data, priority, tags, retries,
 * throttles) and when, either a cron expression in a time zone or a fixed interval.
 * Immutable; each {@code with}-style method returns a copy.
 *
 * <pre class="code">
 * ScheduleDefinition.cron("reports.nightly", "0 30 2 * * *", ZoneId.of("Europe/Paris"), "reports", "Reports::Build")
 *     .data("{\"kind\":\"daily\"}").tags(List.of("nightly"));
 * </pre>
 *
 * @param name the schedule name, unique in the Redis database
 * @param cron the cron expression (six fields, seconds first, or a macro such as
 * {@code @hourly}, as Spring's {@link CronExpression} reads them), or {@code null} for an
 * interval schedule
 * @param zone the time zone the cron expression is read in
 * @param interval the time between two jobs of an interval schedule (whole seconds), or
 * {@code null} for a cron schedule
 * @param misfire what to do about missed fire times
 * @param queue the queue the jobs are put in
 * @param klass the jobs' class name
 * @param data the jobs' data, JSON text
 * @param priority the jobs' priority
 * @param tags the jobs' tags
 * @param retries the jobs' retry budget, or {@code null} for qless's default (5)
 * @param throttles throttle ids the jobs must hold a lock on to run
 */
public record ScheduleDefinition(String name, @Nullable String cron, ZoneId zone, @Nullable Duration interval,
		MisfirePolicy misfire, String queue, String klass, String data, int priority, List<String> tags,
		@Nullable Integer retries, List<String> throttles) {

	/** The zone of schedules that name none. */
	public static final ZoneId UTC = ZoneId.of("UTC");

	/** Most missed fire times {@link MisfirePolicy#FIRE_ALL} catches up. */
	public static final int MAX_CATCH_UP = 100;

	/**
	 * Create a definition.
	 * @param name the schedule name
	 * @param cron the cron expression, or {@code null}
	 * @param zone the time zone
	 * @param interval the interval, or {@code null}
	 * @param misfire the misfire policy
	 * @param queue the queue
	 * @param klass the class name
	 * @param data the data
	 * @param priority the priority
	 * @param tags the tags
	 * @param retries the retry budget
	 * @param throttles the throttle ids
	 */
	public ScheduleDefinition {
		Assert.hasText(name, "'name' must not be empty");
		Assert.notNull(zone, "'zone' must not be null");
		Assert.notNull(misfire, "'misfire' must not be null");
		Assert.hasText(queue, "'queue' must not be empty");
		Assert.hasText(klass, "'klass' must not be empty");
		Assert.hasText(data, "'data' must not be empty");
		Assert.notNull(tags, "'tags' must not be null");
		Assert.notNull(throttles, "'throttles' must not be null");
		Assert.isTrue((cron == null) != (interval == null),
				() -> "Schedule '" + name + "' needs either a cron expression or an interval");
		if (cron != null) {
			try {
				CronExpression.parse(cron);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Schedule '" + name + "': " + ex.getMessage(), ex);
			}
		}
		if (interval != null) {
			Assert.isTrue(interval.toSeconds() >= 1 && interval.toMillis() % 1000 == 0,
					() -> "Schedule '" + name + "': the interval must be whole seconds, at least one: " + interval);
			Assert.isTrue(misfire != MisfirePolicy.SKIP, () -> "Schedule '" + name
					+ "': an interval schedule is a qless recurring template, which cannot skip missed runs: use fire-once or fire-all");
		}
		tags = List.copyOf(tags);
		throttles = List.copyOf(throttles);
	}

	/**
	 * Start a cron schedule with data {@code {}} and no options.
	 * @param name the schedule name
	 * @param cron the cron expression
	 * @param zone the time zone
	 * @param queue the queue
	 * @param klass the class name
	 * @return the definition
	 */
	public static ScheduleDefinition cron(String name, String cron, ZoneId zone, String queue, String klass) {
		return new ScheduleDefinition(name, cron, zone, null, MisfirePolicy.FIRE_ONCE, queue, klass, "{}", 0, List.of(),
				null, List.of());
	}

	/**
	 * Start an interval schedule with data {@code {}} and no options.
	 * @param name the schedule name
	 * @param interval the interval
	 * @param queue the queue
	 * @param klass the class name
	 * @return the definition
	 */
	public static ScheduleDefinition interval(String name, Duration interval, String queue, String klass) {
		return new ScheduleDefinition(name, null, UTC, interval, MisfirePolicy.FIRE_ONCE, queue, klass,
				"{}", 0, List.of(), null, List.of());
	}

	/**
	 * Return whether this is a cron schedule.
	 * @return {@code true} for cron, {@code false} for an interval
	 */
	public boolean isCron() {
		return this.cron != null;
	}

	/**
	 * Return a copy with the given misfire policy.
	 * @param policy the policy
	 * @return the copy
	 */
	public ScheduleDefinition misfire(MisfirePolicy policy) {
		return new ScheduleDefinition(this.name, this.cron, this.zone, this.interval, policy, this.queue, this.klass,
				this.data, this.priority, this.tags, this.retries, this.throttles);
	}

	/**
	 * Return a copy with the given data.
	 * @param json the data, JSON text
	 * @return the copy
	 */
	public ScheduleDefinition data(String json) {
		return new ScheduleDefinition(this.name, this.cron, this.zone, this.interval, this.misfire, this.queue,
				this.klass, json, this.priority, this.tags, this.retries, this.throttles);
	}

	/**
	 * Return a copy with the given priority.
	 * @param priority the priority
	 * @return the copy
	 */
	public ScheduleDefinition priority(int priority) {
		return new ScheduleDefinition(this.name, this.cron, this.zone, this.interval, this.misfire, this.queue,
				this.klass, this.data, priority, this.tags, this.retries, this.throttles);
	}

	/**
	 * Return a copy with the given tags.
	 * @param tags the tags
	 * @return the copy
	 */
	public ScheduleDefinition tags(List<String> tags) {
		return new ScheduleDefinition(this.name, this.cron, this.zone, this.interval, this.misfire, this.queue,
				this.klass, this.data, this.priority, tags, this.retries, this.throttles);
	}

	/**
	 * Return a copy with the given retry budget.
	 * @param retries the retry budget, or {@code null} for qless's default
	 * @return the copy
	 */
	public ScheduleDefinition retries(@Nullable Integer retries) {
		return new ScheduleDefinition(this.name, this.cron, this.zone, this.interval, this.misfire, this.queue,
				this.klass, this.data, this.priority, this.tags, retries, this.throttles);
	}

	/**
	 * Return a copy with the given throttles.
	 * @param throttles the throttle ids
	 * @return the copy
	 */
	public ScheduleDefinition throttles(List<String> throttles) {
		return new ScheduleDefinition(this.name, this.cron, this.zone, this.interval, this.misfire, this.queue,
				this.klass, this.data, this.priority, this.tags, this.retries, throttles);
	}

}
