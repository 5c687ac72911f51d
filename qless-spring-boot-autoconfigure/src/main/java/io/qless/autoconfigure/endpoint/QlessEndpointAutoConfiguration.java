package io.qless.autoconfigure.endpoint;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.qless.autoconfigure.QlessAutoConfiguration;
import io.qless.core.QlessOperations;
import io.qless.endpoint.QlessEndpoint;
import io.qless.endpoint.QlessEndpointWebExtension;
import io.qless.listener.QlessListenerEndpointRegistry;
import io.qless.producer.PutDefaults;
import io.qless.schedule.ScheduleManager;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * for the {@link QlessEndpoint}. The usual Actuator rules decide whether it exists
 * ({@code management.endpoint.qless.access}) and where it is exposed
 * ({@code management.endpoints.web.exposure.include=qless}).
 */
@AutoConfiguration(after = QlessAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class, QlessOperations.class })
@ConditionalOnAvailableEndpoint(QlessEndpoint.class)
@ConditionalOnSingleCandidate(QlessOperations.class)
@EnableConfigurationProperties(QlessEndpointProperties.class)
public final class QlessEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	QlessEndpoint qlessEndpoint(QlessOperations qless, ObjectProvider<PutDefaults> putDefaults,
			ObjectProvider<QlessListenerEndpointRegistry> listenerRegistry, ObjectProvider<ScheduleManager> schedules,
			QlessEndpointProperties properties) {
		PutDefaults throttles = putDefaults.getIfUnique();
		Supplier<Collection<String>> known = (throttles != null) ? throttles::knownThrottles : List::of;
		return new QlessEndpoint(qless, known, listenerRegistry.getIfUnique(), schedules.getIfUnique(),
				properties.getShowValues());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(QlessEndpoint.class)
	@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
	QlessEndpointWebExtension qlessEndpointWebExtension(QlessEndpoint endpoint, QlessEndpointProperties properties) {
		return new QlessEndpointWebExtension(endpoint, properties.getShowValues(), properties.getRoles());
	}

}
