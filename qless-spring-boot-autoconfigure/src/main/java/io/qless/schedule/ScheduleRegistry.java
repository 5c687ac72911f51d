package io.qless.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * The schedules this application declares, by name: filled by the annotation
 * post-processor ({@code @QlessSchedule}) and the auto-configuration
 * ({@code qless.schedules.<name>.*}), and registered in Redis by the {@link QlessScheduler}
 * when it starts. Thread-safe.
 */
public class ScheduleRegistry {

	private final JsonMapper jsonMapper;

	private final Map<String, DeclaredSchedule> declared = new LinkedHashMap<>();

	/**
	 * Create an empty registry.
	 * @param jsonMapper the mapper that checks the data of each schedule is JSON
	 */
	public ScheduleRegistry(JsonMapper jsonMapper) {
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.jsonMapper = jsonMapper;
	}

	/**
	 * Declare a schedule.
	 * @param schedule the schedule
	 * @throws IllegalStateException if another schedule of that name is declared, or its data
	 * is not JSON
	 */
	public void declare(DeclaredSchedule schedule) {
		Assert.notNull(schedule, "'schedule' must not be null");
		try {
			this.jsonMapper.readTree(schedule.data());
		}
		catch (JacksonException ex) {
			throw new IllegalStateException("The data of schedule '" + schedule.name() + "' (declared "
					+ schedule.source() + ") is not JSON: " + schedule.data(), ex);
		}
		synchronized (this.declared) {
			DeclaredSchedule existing = this.declared.get(schedule.name());
			Assert.state(existing == null, () -> "Schedule '" + schedule.name() + "' is declared twice: "
					+ existing.source() + " and " + schedule.source());
			this.declared.put(schedule.name(), schedule);
		}
	}

	/**
	 * Return the declared schedules, in the order they were declared.
	 * @return the schedules
	 */
	public List<DeclaredSchedule> getDeclared() {
		synchronized (this.declared) {
			return List.copyOf(new ArrayList<>(this.declared.values()));
		}
	}

}
