package io.qless.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.qless.core.PutRequestCustomizer;
import io.qless.core.ScheduleChange;
import io.qless.core.ScheduleDefinition;
import io.qless.core.ScheduleInfo;
import io.qless.core.SchedulePage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Registers the declared schedules in Redis, idempotently: one with the same definition is
 * left alone, a changed one is updated and logged, a new one created and logged. Schedules
 * in Redis that this application does not declare are kept (and listed in the log), or
 * deleted when pruning is on.
 */
public class ScheduleRegistrar {

	private static final Log logger = LogFactory.getLog(ScheduleRegistrar.class);

	private static final int PAGE = 1000;

	private final ScheduleManager manager;

	private final ScheduleRegistry registry;

	private final List<? extends PutRequestCustomizer> customizers;

	private final JsonMapper jsonMapper;

	private final boolean prune;

	/**
	 * Create a registrar.
	 * @param manager the schedule manager
	 * @param registry the declared schedules
	 * @param customizers the put customizers applied to each declaration, in order
	 * @param jsonMapper the mapper for data a customizer replaced
	 * @param prune whether to delete schedules this application does not declare
	 */
	public ScheduleRegistrar(ScheduleManager manager, ScheduleRegistry registry,
			List<? extends PutRequestCustomizer> customizers, JsonMapper jsonMapper, boolean prune) {
		Assert.notNull(manager, "'manager' must not be null");
		Assert.notNull(registry, "'registry' must not be null");
		this.manager = manager;
		this.registry = registry;
		this.customizers = List.copyOf(customizers);
		this.jsonMapper = jsonMapper;
		this.prune = prune;
	}

	/**
	 * Return the definitions of the declared schedules, through the put customizers.
	 * @return the definitions
	 */
	public List<ScheduleDefinition> definitions() {
		List<ScheduleDefinition> definitions = new ArrayList<>();
		for (DeclaredSchedule declared : this.registry.getDeclared()) {
			definitions.add(declared.definition(this.customizers, this.jsonMapper));
		}
		return definitions;
	}

	/**
	 * Register definitions in Redis (one round trip each), then deal with the schedules this
	 * application does not declare.
	 * @param definitions the definitions
	 * @return what was done, by schedule name
	 */
	public Map<String, ScheduleChange> register(List<ScheduleDefinition> definitions) {
		Map<String, ScheduleChange> changes = new LinkedHashMap<>();
		for (ScheduleDefinition definition : definitions) {
			ScheduleChange change = this.manager.register(definition);
			changes.put(definition.name(), change);
			if (change == ScheduleChange.UNCHANGED) {
				logger.debug("qless: schedule '" + definition.name() + "' unchanged");
			}
			else {
				logger.info("qless: schedule '" + definition.name() + "' " + change.name().toLowerCase(java.util.Locale.ROOT)
						+ ": " + describe(definition));
			}
		}
		undeclared(changes.keySet());
		return changes;
	}

	private void undeclared(Set<String> declared) {
		List<String> others = new ArrayList<>();
		int offset = 0;
		while (true) {
			SchedulePage page = this.manager.list(offset, PAGE);
			for (ScheduleInfo schedule : page.schedules()) {
				if (!declared.contains(schedule.name())) {
					others.add(schedule.name());
				}
			}
			offset += page.schedules().size();
			if (page.schedules().isEmpty() || offset >= page.total()) {
				break;
			}
		}
		if (others.isEmpty()) {
			return;
		}
		if (this.prune) {
			for (String name : others) {
				this.manager.delete(name);
				logger.info("qless: schedule '" + name + "' deleted: not declared (qless.schedules.prune=true)");
			}
		}
		else {
			logger.info("qless: " + others.size() + " schedule(s) in Redis not declared by this application kept: "
					+ others.stream().limit(20).collect(Collectors.joining(", "))
					+ ((others.size() > 20) ? ", ..." : "") + " (qless.schedules.prune=true deletes them)");
		}
	}

	static String describe(ScheduleDefinition definition) {
		String when = definition.isCron() ? "cron '" + definition.cron() + "' in " + definition.zone()
				: "every " + definition.interval();
		return when + ", " + definition.klass() + " into queue '" + definition.queue() + "', misfire "
				+ definition.misfire().wireName();
	}

}
