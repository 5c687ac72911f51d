package io.qless.listener;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import io.qless.core.QlessOperations;
import io.qless.core.QlessPayloadConverter;
import org.jspecify.annotations.Nullable;

/**
 * What every run of one container shares: its queue, handlers by klass, settings and
 * strategies.
 */
record ListenerComponents(String queue, Map<String, JobHandler> handlers, ContainerSettings settings,
		QlessOperations qless, QlessPayloadConverter payloads, QlessErrorHandler errorHandler,
		List<QlessJobInterceptor> interceptors, ObservationRegistry observationRegistry,
		@Nullable QlessJobObservationConvention observationConvention, JobObserver observer, Clock clock) {
}
