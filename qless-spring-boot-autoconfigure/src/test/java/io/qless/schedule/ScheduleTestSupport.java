package io.qless.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.qless.core.QlessDialect;
import io.qless.core.QlessTemplate;
import io.qless.test.TestRedis;
import io.qless.test.TestRedisConnections;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Schedulers on the test Redis, each with its own connection, template and clock, and an
 * observer that records what each fired.
 */
final class ScheduleTestSupport implements AutoCloseable {

	final JsonMapper mapper = JsonMapper.builder().build();

	private final TestRedis redis;

	private final List<LettuceConnectionFactory> factories = new ArrayList<>();

	ScheduleTestSupport(TestRedis redis) {
		this.redis = redis;
	}

	Instance instance(SettableClock clock) {
		return instance(clock, QlessDialect.QLESS);
	}

	Instance instance(SettableClock clock, QlessDialect dialect) {
		LettuceConnectionFactory factory = TestRedisConnections.lettuce(this.redis);
		this.factories.add(factory);
		QlessTemplate template = new QlessTemplate(factory, this.mapper, clock, dialect);
		ScheduleManager manager = new ScheduleManager(template, clock);
		Recorder recorder = new Recorder();
		QlessScheduler scheduler = new QlessScheduler(manager, null, List.of(recorder));
		return new Instance(template, manager, scheduler, recorder, clock);
	}

	@Override
	public void close() {
		this.factories.forEach(LettuceConnectionFactory::destroy);
	}

	record Instance(QlessTemplate template, ScheduleManager manager, QlessScheduler scheduler, Recorder recorder,
			SettableClock clock) {
	}

	/** Records the fire times an instance put jobs for, and the lags. */
	static final class Recorder implements ScheduleObserver {

		final Set<Instant> fired = ConcurrentHashMap.newKeySet();

		final java.util.Map<String, Set<Instant>> firedBySchedule = new ConcurrentHashMap<>();

		final List<Long> lagsMillis = new java.util.concurrent.CopyOnWriteArrayList<>();

		final List<Long> skipped = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Override
		public void fired(String schedule, Instant fireTime, Instant putTime) {
			this.fired.add(fireTime);
			this.firedBySchedule.computeIfAbsent(schedule, (name) -> ConcurrentHashMap.newKeySet()).add(fireTime);
			this.lagsMillis.add(putTime.toEpochMilli() - fireTime.toEpochMilli());
		}

		@Override
		public void skipped(String schedule, Instant firstFireTime, long count) {
			this.skipped.add(count);
		}

	}

}
