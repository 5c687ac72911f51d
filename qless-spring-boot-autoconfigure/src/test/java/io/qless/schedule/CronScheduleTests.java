package io.qless.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Fire times of {@link CronSchedule} where clocks change: Europe/Paris springs forward on
 * 2025-03-30 (02:00 CET to 03:00 CEST) and falls back on 2025-10-26 (03:00 CEST to 02:00
 * CET); America/New_York on 2025-03-09 (02:00 EST to 03:00 EDT) and 2025-11-02 (02:00 EDT
 * to 01:00 EST).
 */
class CronScheduleTests {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	private static List<String> fireTimes(String cron, ZoneId zone, String from, String until) {
		CronSchedule schedule = CronSchedule.of(cron, zone);
		Instant end = LocalDateTime.parse(until).atZone(zone).toInstant();
		Instant time = LocalDateTime.parse(from).atZone(zone).toInstant();
		List<String> times = new ArrayList<>();
		while (true) {
			time = schedule.next(time);
			if (time.isAfter(end)) {
				return times;
			}
			times.add(time.atZone(zone).toOffsetDateTime().toString());
		}
	}

	private static int firesOnDay(String cron, ZoneId zone, String day) {
		LocalDate date = LocalDate.parse(day);
		Instant start = date.atStartOfDay(zone).toInstant().minusSeconds(1);
		Instant end = date.plusDays(1).atStartOfDay(zone).toInstant().minusSeconds(1);
		return CronSchedule.of(cron, zone).count(start, end, 1_000_000);
	}

	@Test
	void dailyAtATimeInTheSpringGapRunsAtTheEndOfTheGap() {
		assertThat(fireTimes("0 30 2 * * *", PARIS, "2025-03-28T12:00", "2025-04-01T00:00")).containsExactly(
				"2025-03-29T02:30+01:00", "2025-03-30T03:00+02:00", "2025-03-31T02:30+02:00");
		assertThat(fireTimes("0 30 2 * * *", NEW_YORK, "2025-03-07T12:00", "2025-03-11T00:00")).containsExactly(
				"2025-03-08T02:30-05:00", "2025-03-09T03:00-04:00", "2025-03-10T02:30-04:00");
	}

	@Test
	void dailyAtATimeInTheRepeatedHourRunsOnce() {
		assertThat(fireTimes("0 30 2 * * *", PARIS, "2025-10-24T12:00", "2025-10-28T00:00")).containsExactly(
				"2025-10-25T02:30+02:00", "2025-10-26T02:30+02:00", "2025-10-27T02:30+01:00");
		assertThat(fireTimes("0 30 1 * * *", NEW_YORK, "2025-11-01T12:00", "2025-11-04T00:00")).containsExactly(
				"2025-11-02T01:30-04:00", "2025-11-03T01:30-05:00");
		assertThat(fireTimes("@daily", PARIS, "2025-10-25T12:00", "2025-10-27T12:00"))
			.containsExactly("2025-10-26T00:00+02:00", "2025-10-27T00:00+01:00");
	}

	@Test
	void timesThatExistAreNeverLost() {
		assertThat(fireTimes("0 30 3 * * *", PARIS, "2025-03-29T12:00", "2025-03-31T00:00"))
			.containsExactly("2025-03-30T03:30+02:00");
		assertThat(fireTimes("0 30 1 * * *", NEW_YORK, "2025-03-08T12:00", "2025-03-10T00:00"))
			.containsExactly("2025-03-09T01:30-05:00");
		// 02:30 does not exist and runs at 03:00; 03:30 exists and runs as well.
		assertThat(fireTimes("0 30 2,3 * * *", PARIS, "2025-03-30T00:00", "2025-03-30T12:00"))
			.containsExactly("2025-03-30T03:00+02:00", "2025-03-30T03:30+02:00");
		assertThat(fireTimes("0 0 3 * * *", PARIS, "2025-03-30T00:00", "2025-03-30T12:00"))
			.containsExactly("2025-03-30T03:00+02:00");
	}

	@Test
	void fixedHoursInTheGapCollapseIntoOneRun() {
		assertThat(fireTimes("0 */15 2 * * *", PARIS, "2025-03-29T23:00", "2025-03-31T00:00"))
			.containsExactly("2025-03-30T03:00+02:00");
		assertThat(fireTimes("0 */15 2 * * *", PARIS, "2025-10-25T23:00", "2025-10-27T00:00")).containsExactly(
				"2025-10-26T02:00+02:00", "2025-10-26T02:15+02:00", "2025-10-26T02:30+02:00",
				"2025-10-26T02:45+02:00");
	}

	@Test
	void hourlySchedulesFollowElapsedTime() {
		assertThat(fireTimes("@hourly", PARIS, "2025-10-26T01:30", "2025-10-26T03:30")).containsExactly(
				"2025-10-26T02:00+02:00", "2025-10-26T02:00+01:00", "2025-10-26T03:00+01:00");
		assertThat(fireTimes("0 0,30 * * * *", PARIS, "2025-03-30T01:10", "2025-03-30T04:00")).containsExactly(
				"2025-03-30T01:30+01:00", "2025-03-30T03:00+02:00", "2025-03-30T03:30+02:00",
				"2025-03-30T04:00+02:00");
		assertThat(firesOnDay("0 0 * * * *", PARIS, "2025-03-30")).isEqualTo(23);
		assertThat(firesOnDay("0 0 * * * *", PARIS, "2025-10-26")).isEqualTo(25);
		assertThat(firesOnDay("0 0 * * * *", NEW_YORK, "2025-11-02")).isEqualTo(25);
		assertThat(firesOnDay("0 */5 * * * *", NEW_YORK, "2025-03-09")).isEqualTo(23 * 12);
	}

	@Test
	void everySecondAcrossTheRepeatedHourCountsEverySecond() {
		Instant start = ZonedDateTime.parse("2025-11-02T00:59:59-04:00[America/New_York]").toInstant();
		Instant end = ZonedDateTime.parse("2025-11-02T02:00:00-05:00[America/New_York]").toInstant();
		assertThat(CronSchedule.of("* * * * * *", NEW_YORK).count(start, end, 100_000)).isEqualTo(7201);
		// Every second of the hour 1 only, a fixed hour: the repeated one is not run again.
		assertThat(firesOnDay("* * 1 * * *", NEW_YORK, "2025-11-02")).isEqualTo(3600);
	}

	@Test
	void expressionsAreCheckedAndNeverMatchingOnesNeverFire() {
		assertThatIllegalArgumentException().isThrownBy(() -> CronSchedule.of("0 0 * * *", PARIS));
		assertThat(CronSchedule.of("0 0 0 30 2 *", PARIS).next(Instant.parse("2025-01-01T00:00:00Z")))
			.isEqualTo(CronSchedule.NEVER);
	}

}
