package io.qless.dashboard.data;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Times and durations as the dashboard shows them: UTC timestamps and rough ages.
 */
public final class Times {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
		.withZone(ZoneOffset.UTC);

	private Times() {
	}

	/**
	 * Format an instant as a UTC timestamp to the second.
	 * @param instant the instant
	 * @return the text
	 */
	public static String format(Instant instant) {
		return TIMESTAMP.format(instant);
	}

	/**
	 * Describe how far an instant is from now: "3 min ago", "in 2 h".
	 * @param instant the instant
	 * @param now the current time
	 * @return the text
	 */
	public static String relative(Instant instant, Instant now) {
		Duration distance = Duration.between(instant, now);
		boolean past = !distance.isNegative();
		String amount = duration(distance.abs());
		return past ? amount + " ago" : "in " + amount;
	}

	/**
	 * Describe a duration roughly: "45 s", "12 min", "3 h", "2 d".
	 * @param duration the duration
	 * @return the text
	 */
	public static String duration(Duration duration) {
		long seconds = duration.getSeconds();
		if (seconds < 120) {
			return seconds + " s";
		}
		if (seconds < 7200) {
			return (seconds / 60) + " min";
		}
		if (seconds < 172800) {
			return (seconds / 3600) + " h";
		}
		return (seconds / 86400) + " d";
	}

	/**
	 * Describe a duration exactly in the largest whole unit: "90 s", "15 min", "1 h", "7 d".
	 * @param duration the duration
	 * @return the text
	 */
	public static String interval(Duration duration) {
		long seconds = duration.getSeconds();
		if (seconds > 0 && seconds % 86400 == 0) {
			return (seconds / 86400) + " d";
		}
		if (seconds > 0 && seconds % 3600 == 0) {
			return (seconds / 3600) + " h";
		}
		if (seconds > 0 && seconds % 60 == 0) {
			return (seconds / 60) + " min";
		}
		return seconds + " s";
	}

}
