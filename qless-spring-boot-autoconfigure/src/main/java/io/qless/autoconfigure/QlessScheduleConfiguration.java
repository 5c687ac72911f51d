package io.qless.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import io.qless.core.PutRequestCustomizer;
import io.qless.core.QlessOperations;
import io.qless.schedule.QlessScheduler;
import io.qless.schedule.ScheduleManager;
import io.qless.schedule.ScheduleObserver;
import io.qless.schedule.ScheduleRegistrar;
import io.qless.schedule.ScheduleRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Schedules: the {@link ScheduleManager} (list, pause, resume, trigger), and unless
 * {@code qless.schedules.enabled=false} the {@link ScheduleRegistry} of the declared
 * schedules ({@code @QlessSchedule} and {@code qless.schedules.<name>.*}) and the
 * {@link QlessScheduler} that registers them and fires due cron schedules.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSingleCandidate(QlessOperations.class)
class QlessScheduleConfiguration {

	private static final ConfigurationPropertyName SCHEDULES = ConfigurationPropertyName.of("qless.schedules");

	@Bean
	@ConditionalOnMissingBean
	ScheduleManager qlessScheduleManager(QlessOperations qless) {
		return new ScheduleManager(qless, Clock.systemUTC());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "qless.schedules.enabled", matchIfMissing = true)
	ScheduleRegistry qlessScheduleRegistry(ObjectProvider<JsonMapper> jsonMapper, Environment environment) {
		ScheduleRegistry registry = new ScheduleRegistry(QlessJsonMappers.resolve(jsonMapper));
		declared(environment).forEach((name, schedule) -> registry.declare(schedule.toDeclaredSchedule(name)));
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "qless.schedules.enabled", matchIfMissing = true)
	QlessScheduler qlessScheduler(ScheduleManager manager, ScheduleRegistry registry, QlessProperties properties,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<PutRequestCustomizer> putRequestCustomizers,
			ObjectProvider<ScheduleObserver> observers) {
		ScheduleRegistrar registrar = new ScheduleRegistrar(manager, registry,
				putRequestCustomizers.orderedStream().toList(), QlessJsonMappers.resolve(jsonMapper),
				properties.getSchedules().isPrune());
		QlessScheduler scheduler = new QlessScheduler(manager, registrar, observers.orderedStream().toList());
		scheduler.setMisfireThreshold(properties.getSchedules().getMisfireThreshold());
		return scheduler;
	}

	/**
	 * The schedules of {@code qless.schedules.<name>.*}: every name under
	 * {@code qless.schedules} with properties of its own.
	 */
	static Map<String, QlessScheduleProperties> declared(Environment environment) {
		Map<String, QlessScheduleProperties> schedules = new LinkedHashMap<>();
		Binder binder = Binder.get(environment);
		int depth = SCHEDULES.getNumberOfElements();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.filter(SCHEDULES::isAncestorOf).forEach((name) -> {
				if (name.getNumberOfElements() > depth + 1) {
					String key = name.getElement(depth, ConfigurationPropertyName.Form.ORIGINAL);
					schedules.computeIfAbsent(key, (found) -> binder
						.bind(ConfigurationPropertyName.of("qless.schedules[" + found + "]"),
								Bindable.of(QlessScheduleProperties.class))
						.orElseGet(QlessScheduleProperties::new));
				}
			});
		}
		return schedules;
	}

}
