package io.qless.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.Assert;

/**
 * The fire times of a cron expression in a time zone, read by Spring's
 * {@link CronExpression} (six fields, seconds first, or a macro such as {@code @hourly}),
 * with these rules where the zone's clocks change (daylight saving time):
 * <ul>
 * <li>A schedule whose hours field is every hour ({@code *}, {@code *}{@code /1},
 * {@code 0/1}, {@code 0-23}, {@code @hourly}) follows elapsed time: the hour skipped in
 * spring has no fire times, and the hour repeated in autumn fires twice, once in each
 * offset (it is two real hours).</li>
 * <li>A schedule with fixed hours (daily at 02:30, {@code 0 0 1,2 * * *}, {@code @daily})
 * fires each wall-clock time once: in the repeated hour only at its first occurrence; and
 * fire times that fall into the skipped hour (02:30 on the spring-forward day in
 * Europe/Paris or America/New_York) are replaced by one fire time at the end of the gap,
 * 03:00 in the new offset, so a daily job still runs that day.</li>
 * </ul>
 * Fire times are whole seconds. Instances are immutable and thread-safe.
 */
public final class CronSchedule {

	/** What a schedule with no fire time left is given as next fire time. */
	public static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

	private static final Set<String> EVERY_HOUR = Set.of("*", "*/1", "0/1", "0-23", "0-23/1");

	// A fixed-hour schedule of every second steps over at most an hour of repeated times.
	private static final int MAX_STEPS = 100_000;

	private final String expression;

	private final ZoneId zone;

	private final CronExpression cron;

	private final boolean everyHour;

	private CronSchedule(String expression, ZoneId zone) {
		this.expression = expression;
		this.zone = zone;
		this.cron = CronExpression.parse(expression);
		this.everyHour = everyHour(expression);
	}

	/**
	 * Return the fire times of an expression in a zone.
	 * @param expression the cron expression
	 * @param zone the time zone
	 * @return the schedule
	 * @throws IllegalArgumentException if the expression is invalid
	 */
	public static CronSchedule of(String expression, ZoneId zone) {
		Assert.hasText(expression, "'expression' must not be empty");
		Assert.notNull(zone, "'zone' must not be null");
		return new CronSchedule(expression.trim(), zone);
	}

	private static boolean everyHour(String expression) {
		String text = expression.toLowerCase(Locale.ROOT);
		if (text.startsWith("@")) {
			return text.equals("@hourly");
		}
		String[] fields = text.split("\\s+");
		return fields.length == 6 && EVERY_HOUR.contains(fields[2]);
	}

	/**
	 * Return the expression.
	 * @return the cron expression
	 */
	public String expression() {
		return this.expression;
	}

	/**
	 * Return the time zone.
	 * @return the zone
	 */
	public ZoneId zone() {
		return this.zone;
	}

	/**
	 * Return the first fire time strictly after a time.
	 * @param after the time
	 * @return the fire time, or {@link #NEVER} if there is none
	 */
	public Instant next(Instant after) {
		Assert.notNull(after, "'after' must not be null");
		ZonedDateTime from = after.atZone(this.zone);
		for (int step = 0; step < MAX_STEPS; step++) {
			ZonedDateTime candidate = this.cron.next(from);
			if (candidate == null) {
				return NEVER;
			}
			if (!this.everyHour) {
				Instant gapRun = gapRun(from.toInstant(), candidate.toInstant());
				if (gapRun != null) {
					return gapRun;
				}
				if (!candidate.equals(candidate.withEarlierOffsetAtOverlap())) {
					// the second occurrence of a wall-clock time already fired
					from = candidate;
					continue;
				}
			}
			return candidate.toInstant();
		}
		throw new IllegalStateException("No fire time of '" + this.expression + "' found after " + after);
	}

	/**
	 * Return how many fire times lie in {@code (after, until]}, counting at most
	 * {@code limit}.
	 * @param after the start, excluded
	 * @param until the end, included
	 * @param limit the most to count
	 * @return the count, at most {@code limit}
	 */
	public int count(Instant after, Instant until, int limit) {
		int count = 0;
		Instant time = next(after);
		while (count < limit && !time.isAfter(until)) {
			count++;
			time = next(time);
		}
		return count;
	}

	// The end of a clock gap between two instants in which the expression matches a
	// wall-clock time that does not exist.
	private @Nullable Instant gapRun(Instant from, Instant candidate) {
		ZoneRules rules = this.zone.getRules();
		ZoneOffsetTransition transition = rules.nextTransition(from);
		while (transition != null && !transition.getInstant().isAfter(candidate)) {
			if (transition.isGap()) {
				LocalDateTime start = transition.getDateTimeBefore();
				LocalDateTime match = this.cron.next(start.minusNanos(1));
				if (match != null && match.isBefore(transition.getDateTimeAfter())) {
					return transition.getInstant();
				}
			}
			transition = rules.nextTransition(transition.getInstant());
		}
		return null;
	}

	@Override
	public String toString() {
		return "'" + this.expression + "' in " + this.zone;
	}

}
