package io.qless.autoconfigure.health;

import java.time.Clock;

import io.qless.autoconfigure.QlessAutoConfiguration;
import io.qless.autoconfigure.QlessProperties;
import io.qless.core.QlessOperations;
import io.qless.health.QlessHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * for the {@code qless} health indicator, switched off with
 * {@code management.health.qless.enabled=false}.
 */
@AutoConfiguration(after = QlessAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, QlessOperations.class })
@ConditionalOnSingleCandidate(QlessOperations.class)
@ConditionalOnEnabledHealthIndicator("qless")
@EnableConfigurationProperties(QlessProperties.class)
public final class QlessHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "qlessHealthIndicator")
	QlessHealthIndicator qlessHealthIndicator(QlessOperations qless, QlessProperties properties) {
		QlessProperties.Health health = properties.getHealth();
		return new QlessHealthIndicator(qless, health.getClockSkewThreshold(), health.getTimeout());
	}

}
