package io.qless.core;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ScheduleOperations} of the template, in both dialects: the script's schedule
 * commands typed, with the definition sent as the same text for the same definition.
 */
@QlessRedisTest
class QlessTemplateScheduleTests {

	private static final Instant T1 = Instant.parse("2026-01-05T10:01:00Z");

	private static final Instant T2 = Instant.parse("2026-01-05T10:02:00Z");

	private QlessTestSupport support;

	@AfterEach
	void tearDown() {
		if (this.support != null) {
			this.support.close();
		}
	}

	private ScheduleOperations schedules(TestRedis redis, QlessDialect dialect) {
		this.support = new QlessTestSupport(redis, dialect);
		return this.support.template.schedules();
	}

	private static ScheduleDefinition nightly() {
		return ScheduleDefinition.cron("nightly", "0 * * * * *", ZoneId.of("Europe/Paris"), "reports", "Report")
			.data("{\"a\":1}")
			.priority(2)
			.tags(List.of("t"))
			.retries(3)
			.throttles(List.of("db", "ql:q:reports"))
			.misfire(MisfirePolicy.FIRE_ALL);
	}

	@ParameterizedTest
	@EnumSource(QlessDialect.class)
	void setGetListAndDelete(QlessDialect dialect, TestRedis redis) {
		ScheduleOperations schedules = schedules(redis, dialect);
		assertThat(schedules.set(nightly(), T1)).isEqualTo(ScheduleChange.CREATED);
		assertThat(schedules.set(nightly(), T2)).isEqualTo(ScheduleChange.UNCHANGED);
		assertThat(schedules.set(nightly().priority(4), T2)).isEqualTo(ScheduleChange.UPDATED);
		ScheduleInfo info = schedules.get("nightly");
		// the queue's own throttle is the script's to add
		assertThat(info.definition()).isEqualTo(nightly().priority(4).throttles(List.of("db")));
		assertThat(info.next()).isEqualTo(T1);
		assertThat(info.paused()).isFalse();
		assertThat(info.last()).isNull();
		ScheduleDefinition sweep = ScheduleDefinition.interval("sweep", Duration.ofMinutes(5), "sweeps", "Sweep");
		assertThat(schedules.set(sweep, null)).isEqualTo(ScheduleChange.CREATED);
		ScheduleInfo template = schedules.get("sweep");
		assertThat(template.definition()).isEqualTo(sweep);
		assertThat(template.next()).isEqualTo(QlessTestSupport.START.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
		assertThat(this.support.template.recurring().get(ScheduleJids.templateJid("sweep")).backlog()).isOne();
		SchedulePage page = schedules.list(0, 10);
		assertThat(page.total()).isEqualTo(2);
		assertThat(page.schedules()).extracting(ScheduleInfo::name).containsExactly("nightly", "sweep");
		assertThat(schedules.delete("sweep")).isTrue();
		assertThat(schedules.delete("sweep")).isFalse();
		assertThat(schedules.get("sweep")).isNull();
		assertThat(this.support.template.recurring().get(ScheduleJids.templateJid("sweep"))).isNull();
	}

	@ParameterizedTest
	@EnumSource(QlessDialect.class)
	void dueFireAndSkip(QlessDialect dialect, TestRedis redis) {
		ScheduleOperations schedules = schedules(redis, dialect);
		schedules.set(nightly(), T1);
		assertThat(schedules.due(10).due()).isEmpty();
		assertThat(schedules.due(10).next()).isEqualTo(T1);
		this.support.clock.set(T1.plusMillis(300));
		DueSchedules due = schedules.due(10);
		assertThat(due.due()).containsExactly(
				new DueSchedules.Due("nightly", T1, "0 * * * * *", "Europe/Paris", MisfirePolicy.FIRE_ALL));
		ScheduleFireResult fired = schedules.fire("nightly", T1, T2);
		assertThat(fired).isEqualTo(
				new ScheduleFireResult(ScheduleFireResult.Outcome.FIRED, ScheduleJids.fireJid("nightly", T1), T2));
		assertThat(schedules.fire("nightly", T1, T2).outcome()).isEqualTo(ScheduleFireResult.Outcome.ALREADY_FIRED);
		assertThat(schedules.skip("nightly", T1, T2, 1).outcome()).isEqualTo(ScheduleFireResult.Outcome.NOT_DUE);
		Job job = this.support.template.jobs().get(fired.jid());
		assertThat(job.priority()).isEqualTo(2);
		assertThat(job.retries()).isEqualTo(3);
		assertThat(job.throttles()).containsExactly("db", "ql:q:reports");
		ScheduleInfo info = schedules.get("nightly");
		assertThat(info.last()).isEqualTo(T1);
		assertThat(info.lastPut()).isEqualTo(T1.plusMillis(300));
		assertThat(info.lastJid()).isEqualTo(fired.jid());
		this.support.clock.set(T2.plusSeconds(120));
		assertThat(schedules.skip("nightly", T2, T2.plusSeconds(180), 3))
			.isEqualTo(new ScheduleFireResult(ScheduleFireResult.Outcome.SKIPPED, null, T2.plusSeconds(180)));
		assertThat(schedules.get("nightly").skipped()).isEqualTo(3);
		assertThat(schedules.fire("nope", T1, T2).outcome()).isEqualTo(ScheduleFireResult.Outcome.UNKNOWN);
	}

	@Test
	void definitionsAreChecked() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ScheduleDefinition.cron("x", "not cron", ScheduleDefinition.UTC, "q", "K"))
			.withMessageContaining("Schedule 'x'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ScheduleDefinition.interval("x", Duration.ofMillis(1500), "q", "K"))
			.withMessageContaining("whole seconds");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ScheduleDefinition.interval("x", Duration.ofMinutes(1), "q", "K")
				.misfire(MisfirePolicy.SKIP))
			.withMessageContaining("cannot skip");
		assertThat(MisfirePolicy.fromWireName("Fire_All")).isEqualTo(MisfirePolicy.FIRE_ALL);
		assertThat(MisfirePolicy.FIRE_ONCE.wireName()).isEqualTo("fire-once");
		assertThat(ScheduleJids.fireJid("s", T1)).hasSize(32).isEqualTo(ScheduleJids.fireJid("s", T1.plusMillis(5)))
			.isNotEqualTo(ScheduleJids.fireJid("s", T2));
	}

	@Test
	void definitionTextIsTheSameForTheSameDefinition() {
		assertThat(ScheduleCommands.definitionText(nightly())).isEqualTo(
				"{\"type\":\"cron\",\"cron\":\"0 * * * * *\",\"zone\":\"Europe/Paris\",\"misfire\":\"fire-all\","
						+ "\"queue\":\"reports\",\"klass\":\"Report\",\"data\":\"{\\\"a\\\":1}\",\"priority\":2,"
						+ "\"tags\":[\"t\"],\"retries\":3,\"throttles\":[\"db\"]}");
	}

}
