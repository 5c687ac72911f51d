package io.qless.autoconfigure.metrics;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.qless.autoconfigure.QlessAutoConfiguration;
import io.qless.autoconfigure.QlessProperties;
import io.qless.core.QlessOperations;
import io.qless.listener.QlessListenerContainer;
import io.qless.listener.QlessListenerEndpointRegistry;
import io.qless.metrics.QlessJobMetrics;
import io.qless.metrics.QlessQueueMetrics;
import io.qless.metrics.QlessScheduleMetrics;
import io.qless.metrics.QlessThrottleMetrics;
import io.qless.producer.PutDefaults;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * for qless meters: {@link QlessJobMetrics} (job outcomes and handler time, fed by the
 * listener containers), {@link QlessQueueMetrics} (queue depth and qless's queue
 * statistics), {@link QlessThrottleMetrics} (locks and pending jobs of the known
 * throttles) and {@link QlessScheduleMetrics} (jobs put by schedules, and their lag).
 * Only applies when the application has a {@link MeterRegistry}; switched
 * off with {@code qless.metrics.enabled=false}.
 */
@AutoConfiguration(after = { MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
		QlessAutoConfiguration.class })
@ConditionalOnClass({ MeterRegistry.class, QlessOperations.class })
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnSingleCandidate(QlessOperations.class)
@ConditionalOnBooleanProperty(name = "qless.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(QlessProperties.class)
public final class QlessMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	QlessJobMetrics qlessJobMetrics() {
		return new QlessJobMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	QlessScheduleMetrics qlessScheduleMetrics() {
		return new QlessScheduleMetrics();
	}

	@Bean
	@ConditionalOnMissingBean
	QlessQueueMetrics qlessQueueMetrics(QlessOperations qless, QlessProperties properties,
			ObjectProvider<QlessListenerEndpointRegistry> listeners) {
		return new QlessQueueMetrics(qless, properties.getMetrics().getRefreshInterval(), Clock.systemUTC(),
				() -> handlerQueues(listeners.getIfUnique()));
	}

	private static List<String> handlerQueues(@Nullable QlessListenerEndpointRegistry registry) {
		if (registry == null) {
			return List.of();
		}
		return registry.getContainers().stream().map(QlessListenerContainer::getQueue).toList();
	}

	@Bean
	@ConditionalOnMissingBean
	QlessThrottleMetrics qlessThrottleMetrics(QlessOperations qless, QlessProperties properties,
			ObjectProvider<PutDefaults> putDefaults) {
		PutDefaults registry = putDefaults.getIfUnique();
		Set<String> configured = new LinkedHashSet<>(properties.getThrottles().keySet());
		Supplier<Set<String>> throttles = (registry != null) ? registry::knownThrottles : () -> configured;
		return new QlessThrottleMetrics(qless, throttles, properties.getMetrics().getRefreshInterval(),
				Clock.systemUTC());
	}

}
