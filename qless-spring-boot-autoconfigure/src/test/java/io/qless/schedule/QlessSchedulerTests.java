package io.qless.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.qless.core.Job;
import io.qless.core.MisfirePolicy;
import io.qless.core.QlessDialect;
import io.qless.core.QlessOperations;
import io.qless.core.ScheduleChange;
import io.qless.core.ScheduleDefinition;
import io.qless.core.ScheduleInfo;
import io.qless.core.ScheduleJids;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler on a real Redis, with time driven by settable clocks: each fire time fired
 * once, misfire policies after downtime, three instances racing on an every-second
 * schedule, and daily and hourly schedules across the clock changes of Europe/Paris and
 * America/New_York.
 */
@QlessRedisTest
class QlessSchedulerTests {

	private static final Instant START = Instant.parse("2026-01-05T10:00:00.250Z");

	private ScheduleTestSupport support;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.support = new ScheduleTestSupport(redis);
	}

	@AfterEach
	void tearDown() {
		this.support.close();
	}

	private static Instant at(String time) {
		return Instant.parse(time);
	}

	private static long jobs(QlessOperations qless, String queue) {
		return qless.queue(queue).counts().waiting();
	}

	@Test
	void firesEachFireTimeOnceWhenItIsDue() {
		SettableClock clock = new SettableClock(START);
		ScheduleTestSupport.Instance instance = this.support.instance(clock);
		ScheduleDefinition definition = ScheduleDefinition.cron("minutely", "0 * * * * *", ZoneOffset.UTC, "q", "Tick")
			.data("{\"n\":1}");
		assertThat(instance.manager().register(definition)).isEqualTo(ScheduleChange.CREATED);
		QlessScheduler.Tick tick = instance.scheduler().tick();
		assertThat(tick.fired()).isZero();
		assertThat(tick.next()).isEqualTo(at("2026-01-05T10:01:00Z"));
		clock.set(at("2026-01-05T10:01:00.200Z"));
		assertThat(instance.scheduler().tick().fired()).isOne();
		assertThat(instance.scheduler().tick().fired()).isZero();
		String jid = ScheduleJids.fireJid("minutely", at("2026-01-05T10:01:00Z"));
		Job job = instance.template().jobs().get(jid);
		assertThat(job).isNotNull();
		assertThat(job.klass()).isEqualTo("Tick");
		assertThat(job.data()).isEqualTo("{\"n\":1}");
		assertThat(instance.recorder().lagsMillis).containsExactly(200L);
		ScheduleInfo info = instance.manager().get("minutely");
		assertThat(info.last()).isEqualTo(at("2026-01-05T10:01:00Z"));
		assertThat(info.lastJid()).isEqualTo(jid);
		assertThat(info.next()).isEqualTo(at("2026-01-05T10:02:00Z"));
		assertThat(info.fired()).isOne();
	}

	@Test
	void catchesUpFireTimesWithinTheMisfireThresholdOneByOne() {
		SettableClock clock = new SettableClock(START);
		ScheduleTestSupport.Instance instance = this.support.instance(clock);
		instance.manager().register(ScheduleDefinition.cron("second", "* * * * * *", ZoneOffset.UTC, "q", "Tick"));
		clock.advance(Duration.ofSeconds(30));
		assertThat(instance.scheduler().tick().fired()).isEqualTo(30);
		assertThat(jobs(instance.template(), "q")).isEqualTo(30);
	}

	@Test
	void misfireFireOncePutsOneJobForTheMissedTimes() {
		SettableClock clock = new SettableClock(START);
		ScheduleTestSupport.Instance instance = this.support.instance(clock);
		instance.manager().register(ScheduleDefinition.cron("m", "0 * * * * *", ZoneOffset.UTC, "q", "Tick"));
		clock.set(at("2026-01-05T12:00:30Z"));
		QlessScheduler.Tick tick = instance.scheduler().tick();
		assertThat(tick.fired()).isOne();
		assertThat(instance.recorder().fired).containsExactly(at("2026-01-05T10:01:00Z"));
		assertThat(instance.manager().get("m").next()).isEqualTo(at("2026-01-05T12:01:00Z"));
		assertThat(jobs(instance.template(), "q")).isOne();
	}

	@Test
	void misfireSkipPutsNoJobAndCountsTheSkippedTimes() {
		SettableClock clock = new SettableClock(START);
		ScheduleTestSupport.Instance instance = this.support.instance(clock);
		instance.manager()
			.register(ScheduleDefinition.cron("m", "0 * * * * *", ZoneOffset.UTC, "q", "Tick")
				.misfire(MisfirePolicy.SKIP));
		clock.set(at("2026-01-05T12:00:30Z"));
		QlessScheduler.Tick tick = instance.scheduler().tick();
		assertThat(tick.fired()).isZero();
		assertThat(tick.skipped()).isOne();
		assertThat(instance.recorder().skipped).containsExactly(120L);
		ScheduleInfo info = instance.manager().get("m");
		assertThat(info.skipped()).isEqualTo(120);
		assertThat(info.next()).isEqualTo(at("2026-01-05T12:01:00Z"));
		assertThat(jobs(instance.template(), "q")).isZero();
		// Back to normal afterwards.
		clock.set(at("2026-01-05T12:01:00Z"));
		assertThat(instance.scheduler().tick().fired()).isOne();
	}

	@Test
	void misfireFireAllCatchesUpOneHundredMissedTimesAtMost() {
		SettableClock clock = new SettableClock(START);
		ScheduleTestSupport.Instance instance = this.support.instance(clock);
		instance.manager()
			.register(ScheduleDefinition.cron("m", "0 * * * * *", ZoneOffset.UTC, "q", "Tick")
				.misfire(MisfirePolicy.FIRE_ALL));
		clock.set(at("2026-01-05T13:00:30Z"));
		assertThat(instance.scheduler().tick().fired()).isEqualTo(QlessScheduler.MAX_CALLS);
		assertThat(instance.scheduler().tick().fired()).isOne();
		assertThat(instance.scheduler().tick().fired()).isZero();
		// 179 missed (10:01 to 12:59): the oldest 100 fired, the rest skipped; 13:00 is on time.
		Set<Instant> expected = new HashSet<>();
		for (int minute = 1; minute <= 100; minute++) {
			expected.add(at("2026-01-05T10:00:00Z").plusSeconds(60L * minute));
		}
		expected.add(at("2026-01-05T13:00:00Z"));
		assertThat(instance.recorder().fired).isEqualTo(expected);
		assertThat(jobs(instance.template(), "q")).isEqualTo(101);
	}

	@Test
	void threeInstancesFiringAtTheSameInstantPutOneJobPerFireTime() throws Exception {
		race("same", Duration.ZERO, Duration.ZERO, Duration.ZERO);
	}

	@Test
	void threeInstancesWithClocksASecondApartPutOneJobPerFireTime() throws Exception {
		race("skewed", Duration.ZERO, Duration.ofSeconds(1), Duration.ofMillis(-400));
	}

	/**
	 * Three schedulers, each with its own connection and a clock {@code offsets} away from a
	 * base clock, tick at the same moment after each step of the base clock (1 or 1.5 s),
	 * sixty times, on one every-second schedule.
	 */
	private void race(String name, Duration... offsets) throws Exception {
		SettableClock base = new SettableClock(START);
		List<ScheduleTestSupport.Instance> instances = new ArrayList<>();
		for (Duration offset : offsets) {
			instances.add(this.support.instance(base.offsetBy(offset)));
		}
		instances.get(0).manager().register(ScheduleDefinition.cron(name, "* * * * * *", ZoneOffset.UTC, name, "Tick"));
		ExecutorService executor = Executors.newFixedThreadPool(instances.size());
		CyclicBarrier together = new CyclicBarrier(instances.size());
		try {
			for (int step = 0; step < 60; step++) {
				base.advance(Duration.ofMillis((step % 3 == 0) ? 1500 : 1000));
				List<Future<QlessScheduler.Tick>> ticks = new ArrayList<>();
				for (ScheduleTestSupport.Instance instance : instances) {
					ticks.add(executor.submit(() -> {
						together.await(10, TimeUnit.SECONDS);
						return instance.scheduler().tick();
					}));
				}
				for (Future<QlessScheduler.Tick> tick : ticks) {
					tick.get(30, TimeUnit.SECONDS);
				}
			}
		}
		finally {
			executor.shutdownNow();
		}
		Set<Instant> all = new HashSet<>();
		int total = 0;
		for (ScheduleTestSupport.Instance instance : instances) {
			total += instance.recorder().fired.size();
			all.addAll(instance.recorder().fired);
		}
		// No fire time was put twice, by one instance or by two.
		assertThat(total).isEqualTo(all.size());
		Instant first = at("2026-01-05T10:00:01Z");
		Duration ahead = java.util.Arrays.stream(offsets).max(Duration::compareTo).orElseThrow();
		Instant last = base.instant().plus(ahead).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		// Every second from the first fire time to the clock furthest ahead has its job.
		long seconds = Duration.between(first, last).toSeconds() + 1;
		assertThat(all).hasSize((int) seconds);
		QlessOperations qless = instances.get(0).template();
		assertThat(jobs(qless, name)).isEqualTo(seconds);
		for (Instant time = first; !time.isAfter(last); time = time.plusSeconds(1)) {
			assertThat(qless.jobs().get(ScheduleJids.fireJid(name, time))).as("job of %s", time).isNotNull();
		}
	}

	/**
	 * Drives one instance from {@code from} to {@code until} as its thread would: woken at
	 * the next fire time it knows, and at least every ten minutes.
	 */
	private static List<Instant> drive(ScheduleTestSupport.Instance instance, String name, String from,
			String until) {
		Instant end = at(until);
		instance.clock().set(at(from));
		while (instance.clock().instant().isBefore(end)) {
			QlessScheduler.Tick tick = instance.scheduler().tick();
			Instant now = instance.clock().instant();
			Instant wake = now.plus(Duration.ofMinutes(10));
			if (tick.next() != null && tick.next().isAfter(now) && tick.next().isBefore(wake)) {
				wake = tick.next();
			}
			instance.clock().set(wake);
		}
		return instance.recorder().firedBySchedule.getOrDefault(name, Set.of()).stream().sorted().toList();
	}

	private ScheduleTestSupport.Instance scheduled(String name, String cron, String zone, String from) {
		SettableClock clock = new SettableClock(at(from));
		ScheduleTestSupport.Instance instance = this.support.instance(clock);
		instance.manager().register(ScheduleDefinition.cron(name, cron, ZoneId.of(zone), "dst", "Tick"));
		return instance;
	}

	@Test
	void dailyAtHalfPastTwoAcrossTheClockChangesOfParis() {
		// Spring forward on 2025-03-30: 02:30 does not exist and runs at 03:00 CEST (01:00Z).
		assertThat(drive(scheduled("paris-spring", "0 30 2 * * *", "Europe/Paris", "2025-03-29T11:00:00Z"), "paris-spring",
				"2025-03-29T11:00:00Z", "2025-03-31T11:00:00Z"))
			.containsExactly(at("2025-03-30T01:00:00Z"), at("2025-03-31T00:30:00Z"));
		// Fall back on 2025-10-26: 02:30 happens twice and runs once, at 02:30 CEST (00:30Z).
		assertThat(drive(scheduled("paris-fall", "0 30 2 * * *", "Europe/Paris", "2025-10-25T10:00:00Z"), "paris-fall",
				"2025-10-25T10:00:00Z", "2025-10-27T11:00:00Z"))
			.containsExactly(at("2025-10-26T00:30:00Z"), at("2025-10-27T01:30:00Z"));
		// A time that exists on the spring-forward day runs at that time.
		assertThat(drive(scheduled("paris-0330", "0 30 3 * * *", "Europe/Paris", "2025-03-29T11:00:00Z"), "paris-0330",
				"2025-03-29T11:00:00Z", "2025-03-30T11:00:00Z"))
			.containsExactly(at("2025-03-30T01:30:00Z"));
	}

	@Test
	void dailySchedulesAcrossTheClockChangesOfNewYork() {
		assertThat(drive(scheduled("ny-spring", "0 30 2 * * *", "America/New_York", "2025-03-08T17:00:00Z"), "ny-spring",
				"2025-03-08T17:00:00Z", "2025-03-10T17:00:00Z"))
			.containsExactly(at("2025-03-09T07:00:00Z"), at("2025-03-10T06:30:00Z"));
		assertThat(drive(scheduled("ny-0130-spring", "0 30 1 * * *", "America/New_York", "2025-03-08T17:00:00Z"), "ny-0130-spring",
				"2025-03-08T17:00:00Z", "2025-03-09T17:00:00Z"))
			.containsExactly(at("2025-03-09T06:30:00Z"));
		// 01:30 happens twice on 2025-11-02 (EDT, then EST) and runs once.
		assertThat(drive(scheduled("ny-fall", "0 30 1 * * *", "America/New_York", "2025-11-01T16:00:00Z"), "ny-fall",
				"2025-11-01T16:00:00Z", "2025-11-03T16:00:00Z"))
			.containsExactly(at("2025-11-02T05:30:00Z"), at("2025-11-03T06:30:00Z"));
	}

	@Test
	void hourlySchedulesRunEveryRealHourAcrossTheClockChanges() {
		// The local day of 2025-10-26 in Paris has 25 hours, of 2025-03-30 23.
		assertThat(drive(scheduled("paris-hourly-fall", "@hourly", "Europe/Paris", "2025-10-25T21:30:00Z"), "paris-hourly-fall",
				"2025-10-25T21:30:00Z", "2025-10-26T22:30:00Z"))
			.hasSize(25)
			.contains(at("2025-10-26T00:00:00Z"), at("2025-10-26T01:00:00Z"));
		assertThat(drive(scheduled("paris-hourly-spring", "@hourly", "Europe/Paris", "2025-03-29T22:30:00Z"), "paris-hourly-spring",
				"2025-03-29T22:30:00Z", "2025-03-30T21:30:00Z"))
			.hasSize(23);
		assertThat(drive(scheduled("ny-hourly-fall", "0 0 * * * *", "America/New_York", "2025-11-02T03:30:00Z"), "ny-hourly-fall",
				"2025-11-02T03:30:00Z", "2025-11-03T04:30:00Z"))
			.hasSize(25);
	}

	@Test
	void pauseResumeAndTrigger() {
		SettableClock clock = new SettableClock(START);
		ScheduleTestSupport.Instance instance = this.support.instance(clock);
		instance.manager().register(ScheduleDefinition.cron("p", "0 * * * * *", ZoneOffset.UTC, "q", "Tick"));
		assertThat(instance.manager().pause("p").paused()).isTrue();
		clock.set(at("2026-01-05T10:05:10Z"));
		assertThat(instance.scheduler().tick().fired()).isZero();
		ScheduleInfo resumed = instance.manager().resume("p");
		assertThat(resumed.paused()).isFalse();
		// The fire times of the pause are skipped.
		assertThat(resumed.next()).isEqualTo(at("2026-01-05T10:06:00Z"));
		String jid = instance.manager().trigger("p");
		assertThat(instance.template().jobs().get(jid).klass()).isEqualTo("Tick");
		assertThat(instance.manager().get("p").triggered()).isOne();
		assertThat(instance.manager().pause("nope")).isNull();
		assertThat(instance.manager().resume("nope")).isNull();
		assertThat(instance.manager().trigger("nope")).isNull();
	}

	@Test
	void firesInTheReqlessDialect() {
		SettableClock clock = new SettableClock(START);
		ScheduleTestSupport.Instance instance = this.support.instance(clock, QlessDialect.REQLESS);
		instance.manager()
			.register(ScheduleDefinition.cron("r", "0 * * * * *", ZoneOffset.UTC, "q", "Tick")
				.throttles(List.of("db")));
		clock.set(at("2026-01-05T10:01:00Z"));
		assertThat(instance.scheduler().tick().fired()).isOne();
		Job job = instance.template().jobs().get(ScheduleJids.fireJid("r", at("2026-01-05T10:01:00Z")));
		assertThat(job.throttles()).containsExactly("db", "ql:q:q");
		assertThat(instance.template().schedules().list(0, 10).total()).isOne();
	}

}
