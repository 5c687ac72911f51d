package io.qless.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.qless.core.DueSchedules;
import io.qless.core.MisfirePolicy;
import io.qless.core.QlessOperations;
import io.qless.core.ScheduleDefinition;
import io.qless.core.ScheduleFireResult;
import io.qless.core.ScheduleFireResult.Outcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

/**
 * Fires the due cron schedules of the Redis database, one per application: registers the
 * declared schedules when it starts, then, on a thread of its own, reads the due schedules
 * about once a second, and exactly at the next fire time it knows of.
 * <p>
 * Each fire is one {@code schedule.fire} call that puts the job only if the schedule's
 * stored next fire time is still the one being fired, and moves it on in the same call:
 * any number of instances (with clocks a second or so apart) fire each fire time exactly
 * once, and the one whose call put the job tells the {@link ScheduleObserver}s. Fire times
 * are computed from each schedule's cron expression and zone as stored in Redis, with the
 * daylight-saving rules of {@link CronSchedule}.
 * <p>
 * A fire time older than the misfire threshold (one minute by default) is missed, and the
 * schedule's {@link MisfirePolicy} applies: {@code fire-once} puts one job for all missed
 * times, {@code skip} none, {@code fire-all} one each, oldest first, at most
 * {@value ScheduleDefinition#MAX_CATCH_UP}. Later fire times are caught up one by one.
 * Every round is bounded: at most {@value #DUE_LIMIT} due schedules and
 * {@value #MAX_CALLS} calls for each.
 */
public class QlessScheduler implements SmartLifecycle {

	/** Default of the misfire threshold. */
	public static final Duration DEFAULT_MISFIRE_THRESHOLD = Duration.ofMinutes(1);

	/** Most due schedules one round reads. */
	public static final int DUE_LIMIT = 100;

	/** Most fire calls one round makes for one schedule; the next round goes on. */
	public static final int MAX_CALLS = 100;

	private static final int MAX_SKIP_COUNT = 10_000;

	private static final Log logger = LogFactory.getLog(QlessScheduler.class);

	private final QlessOperations qless;

	private final ScheduleManager manager;

	private final Clock clock;

	private final @Nullable ScheduleRegistrar registrar;

	private final List<ScheduleObserver> observers;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition wakeUp = this.lock.newCondition();

	private Duration misfireThreshold = DEFAULT_MISFIRE_THRESHOLD;

	private Duration tickInterval = Duration.ofSeconds(1);

	private volatile boolean running;

	private volatile boolean registered;

	private @Nullable List<ScheduleDefinition> definitions;

	private @Nullable Thread thread;

	/**
	 * Create a scheduler.
	 * @param manager the schedule manager, whose client and clock it uses
	 * @param registrar the registrar of the declared schedules, or {@code null} to register
	 * none
	 * @param observers told of every job put and every missed fire time skipped
	 */
	public QlessScheduler(ScheduleManager manager, @Nullable ScheduleRegistrar registrar,
			List<? extends ScheduleObserver> observers) {
		Assert.notNull(manager, "'manager' must not be null");
		Assert.notNull(observers, "'observers' must not be null");
		this.manager = manager;
		this.qless = manager.qless();
		this.clock = manager.clock();
		this.registrar = registrar;
		this.observers = List.copyOf(observers);
	}

	/**
	 * Set how late a fire time may be fired before it counts as missed; one minute by
	 * default.
	 * @param misfireThreshold the threshold, not negative
	 */
	public void setMisfireThreshold(Duration misfireThreshold) {
		Assert.isTrue(misfireThreshold != null && !misfireThreshold.isNegative(),
				"'misfireThreshold' must not be negative");
		this.misfireThreshold = misfireThreshold;
	}

	/**
	 * Set the longest time between two rounds; one second by default.
	 * @param tickInterval the interval, positive
	 */
	public void setTickInterval(Duration tickInterval) {
		Assert.isTrue(tickInterval != null && tickInterval.toMillis() > 0, "'tickInterval' must be positive");
		this.tickInterval = tickInterval;
	}

	/**
	 * Run one round: read the due schedules and fire them. The scheduler's thread calls it;
	 * tests and applications that drive time themselves may call it directly.
	 * @return what the round did
	 */
	public Tick tick() {
		Instant now = this.clock.instant();
		DueSchedules due = this.qless.schedules().due(DUE_LIMIT);
		Tick tick = new Tick(0, 0, due.next());
		for (DueSchedules.Due schedule : due.due()) {
			tick = fireDue(schedule, now, tick);
		}
		if (due.due().size() >= DUE_LIMIT) {
			tick = new Tick(tick.fired(), tick.skipped(), now);
		}
		return tick;
	}

	private Tick fireDue(DueSchedules.Due due, Instant now, Tick tick) {
		CronSchedule cron;
		try {
			cron = this.manager.cron(due.cron(), ZoneId.of(due.zone()));
		}
		catch (RuntimeException ex) {
			logger.warn("qless: schedule '" + due.name() + "' cannot be fired: " + ex.getMessage());
			return tick;
		}
		Instant threshold = now.minus(this.misfireThreshold);
		Instant time = due.next();
		int fired = tick.fired();
		int skipped = tick.skipped();
		int caughtUp = 0;
		for (int call = 0; call < MAX_CALLS && time != null && !time.isAfter(now); call++) {
			boolean missed = time.isBefore(threshold);
			ScheduleFireResult result;
			if (missed && due.misfire() == MisfirePolicy.SKIP) {
				long count = 1 + cron.count(time, now, MAX_SKIP_COUNT - 1);
				result = this.qless.schedules().skip(due.name(), time, cron.next(now), count);
				if (result.outcome() == Outcome.SKIPPED) {
					skipped++;
					logger.info("qless: schedule '" + due.name() + "' skipped " + count + " missed fire time(s) from "
							+ time + " (misfire skip)");
					notifySkipped(due.name(), time, count);
				}
			}
			else {
				Instant next;
				if (missed && due.misfire() == MisfirePolicy.FIRE_ONCE) {
					next = cron.next(now);
					logger.info("qless: schedule '" + due.name() + "' missed fire times from " + time
							+ ": one job for them (misfire fire-once)");
				}
				else {
					next = cron.next(time);
					caughtUp += missed ? 1 : 0;
					if (caughtUp >= ScheduleDefinition.MAX_CATCH_UP && next.isBefore(threshold)) {
						next = cron.next(threshold);
						logger.warn("qless: schedule '" + due.name() + "' missed more than "
								+ ScheduleDefinition.MAX_CATCH_UP + " fire times: those before " + next
								+ " are skipped (misfire fire-all)");
					}
				}
				result = fire(due.name(), time, next);
				fired += (result.outcome() == Outcome.FIRED) ? 1 : 0;
			}
			Instant stored = result.next();
			boolean stuck = stored == null || stored.equals(time);
			time = (result.outcome() == Outcome.PAUSED || result.outcome() == Outcome.UNKNOWN || stuck) ? null : stored;
		}
		return new Tick(fired, skipped, earliest(tick.next(), time));
	}

	private ScheduleFireResult fire(String name, Instant time, Instant next) {
		Instant putTime = this.clock.instant();
		ScheduleFireResult result = this.qless.schedules().fire(name, time, next);
		if (result.outcome() == Outcome.FIRED) {
			for (ScheduleObserver observer : this.observers) {
				try {
					observer.fired(name, time, putTime);
				}
				catch (RuntimeException ex) {
					logger.warn("qless: schedule observer " + observer + " failed", ex);
				}
			}
		}
		return result;
	}

	private void notifySkipped(String name, Instant time, long count) {
		for (ScheduleObserver observer : this.observers) {
			try {
				observer.skipped(name, time, count);
			}
			catch (RuntimeException ex) {
				logger.warn("qless: schedule observer " + observer + " failed", ex);
			}
		}
	}

	private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
		if (a == null) {
			return b;
		}
		return (b == null || a.isBefore(b)) ? a : b;
	}

	/**
	 * Register the declared schedules in Redis now (the scheduler does so when it starts, and
	 * again on its thread until Redis answers).
	 */
	public void register() {
		if (this.registrar == null) {
			this.registered = true;
			return;
		}
		List<ScheduleDefinition> prepared = this.definitions;
		if (prepared == null) {
			prepared = this.registrar.definitions();
			this.definitions = prepared;
		}
		this.registrar.register(prepared);
		this.registered = true;
	}

	@Override
	public void start() {
		this.lock.lock();
		try {
			if (this.running) {
				return;
			}
			if (this.registrar != null && this.definitions == null) {
				// a declaration that cannot be made a definition fails the start
				this.definitions = this.registrar.definitions();
			}
			try {
				register();
			}
			catch (RuntimeException ex) {
				logger.warn("qless: could not register the schedules yet, will retry: " + ex.getMessage());
			}
			this.running = true;
			Thread started = new Thread(this::run, "qless-scheduler");
			started.setDaemon(true);
			this.thread = started;
			started.start();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void run() {
		boolean failing = false;
		while (this.running) {
			Duration wait = this.tickInterval;
			try {
				if (!this.registered) {
					register();
				}
				Tick tick = tick();
				if (failing) {
					logger.info("qless: the scheduler reaches Redis again");
					failing = false;
				}
				wait = wait(tick);
			}
			catch (RuntimeException ex) {
				if (!failing) {
					logger.warn("qless: the scheduler cannot fire schedules, will retry: " + ex.getMessage());
					failing = true;
				}
			}
			await(wait);
		}
	}

	private Duration wait(Tick tick) {
		Instant next = tick.next();
		if (next == null) {
			return this.tickInterval;
		}
		Duration until = Duration.between(this.clock.instant(), next);
		if (until.isNegative() || until.isZero()) {
			// more is due: at once if this round got anywhere, else not faster than the tick
			return (tick.fired() + tick.skipped() > 0) ? Duration.ZERO : this.tickInterval;
		}
		return (until.compareTo(this.tickInterval) < 0) ? until : this.tickInterval;
	}

	private void await(Duration wait) {
		if (wait.isZero()) {
			return;
		}
		this.lock.lock();
		try {
			if (this.running) {
				this.wakeUp.await(wait.toNanos(), TimeUnit.NANOSECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.running = false;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void stop() {
		Thread stopping;
		this.lock.lock();
		try {
			this.running = false;
			this.wakeUp.signalAll();
			stopping = this.thread;
			this.thread = null;
		}
		finally {
			this.lock.unlock();
		}
		if (stopping != null && stopping != Thread.currentThread()) {
			try {
				stopping.join(Duration.ofSeconds(5).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Start after the listener containers ({@code DEFAULT_PHASE - 100}) and stop before
	 * them.
	 */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 50;
	}

	/**
	 * What one round did.
	 *
	 * @param fired jobs this instance put
	 * @param skipped schedules whose missed fire times this instance skipped
	 * @param next the earliest next fire time known (now if more schedules are due), or
	 * {@code null} if none
	 */
	public record Tick(int fired, int skipped, @Nullable Instant next) {
	}

}
