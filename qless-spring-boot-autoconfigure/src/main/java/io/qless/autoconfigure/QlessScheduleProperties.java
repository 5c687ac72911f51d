package io.qless.autoconfigure;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.qless.core.MisfirePolicy;
import io.qless.schedule.DeclaredSchedule;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * One schedule declared in properties, {@code qless.schedules.<name>.*} (names with dots
 * in brackets: {@code qless.schedules[reports.daily].cron}).
 */
public class QlessScheduleProperties {

	/**
	 * Cron expression, six fields with seconds first, or a macro such as "@hourly". Either
	 * this or "interval".
	 */
	private @Nullable String cron;

	/**
	 * Interval between two jobs, whole seconds, kept as a qless recurring template. Either
	 * this or "cron".
	 */
	private @Nullable Duration interval;

	/**
	 * Time zone the cron expression is read in.
	 */
	private ZoneId zone = DeclaredSchedule.UTC;

	/**
	 * Queue the jobs are put in.
	 */
	private @Nullable String queue;

	/**
	 * Class name of the jobs, as the handler's @QlessJob names it.
	 */
	private @Nullable String klass;

	/**
	 * Data of each job, JSON text.
	 */
	private String data = "{}";

	/**
	 * Priority of the jobs; the handler's declared priority, or 0, by default.
	 */
	private @Nullable Integer priority;

	/**
	 * Tags of the jobs, added to the handler's declared ones.
	 */
	private List<String> tags = new ArrayList<>();

	/**
	 * Retries of the jobs; the handler's declared retries, or qless's 5, by default.
	 */
	private @Nullable Integer retries;

	/**
	 * Throttles of the jobs, added to the handler's declared ones.
	 */
	private List<String> throttles = new ArrayList<>();

	/**
	 * What to do about fire times missed while no instance ran: fire-once (one job for all
	 * of them), skip (none; cron only) or fire-all (one each, at most 100).
	 */
	private MisfirePolicy misfire = MisfirePolicy.FIRE_ONCE;

	/**
	 * Return the declaration of the schedule of this name.
	 * @param name the schedule name
	 * @return the declaration
	 */
	public DeclaredSchedule toDeclaredSchedule(String name) {
		String source = "in qless.schedules." + name;
		Assert.state(StringUtils.hasText(this.queue), () -> "Schedule '" + name + "' " + source + " needs a 'queue'");
		Assert.state(StringUtils.hasText(this.klass), () -> "Schedule '" + name + "' " + source + " needs a 'klass'");
		return new DeclaredSchedule(name, StringUtils.hasText(this.cron) ? this.cron : null, this.zone, this.interval,
				this.misfire, this.queue, this.klass, this.data, this.priority, this.tags, this.retries, this.throttles,
				source);
	}

	public @Nullable String getCron() {
		return this.cron;
	}

	public void setCron(@Nullable String cron) {
		this.cron = cron;
	}

	public @Nullable Duration getInterval() {
		return this.interval;
	}

	public void setInterval(@Nullable Duration interval) {
		this.interval = interval;
	}

	public ZoneId getZone() {
		return this.zone;
	}

	public void setZone(ZoneId zone) {
		this.zone = zone;
	}

	public @Nullable String getQueue() {
		return this.queue;
	}

	public void setQueue(@Nullable String queue) {
		this.queue = queue;
	}

	public @Nullable String getKlass() {
		return this.klass;
	}

	public void setKlass(@Nullable String klass) {
		this.klass = klass;
	}

	public String getData() {
		return this.data;
	}

	public void setData(String data) {
		this.data = data;
	}

	public @Nullable Integer getPriority() {
		return this.priority;
	}

	public void setPriority(@Nullable Integer priority) {
		this.priority = priority;
	}

	public List<String> getTags() {
		return this.tags;
	}

	public void setTags(List<String> tags) {
		this.tags = tags;
	}

	public @Nullable Integer getRetries() {
		return this.retries;
	}

	public void setRetries(@Nullable Integer retries) {
		this.retries = retries;
	}

	public List<String> getThrottles() {
		return this.throttles;
	}

	public void setThrottles(List<String> throttles) {
		this.throttles = throttles;
	}

	public MisfirePolicy getMisfire() {
		return this.misfire;
	}

	public void setMisfire(MisfirePolicy misfire) {
		this.misfire = misfire;
	}

}
