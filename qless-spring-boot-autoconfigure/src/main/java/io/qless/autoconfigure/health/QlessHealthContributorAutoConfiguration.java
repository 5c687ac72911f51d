package io.qless.autoconfigure.health;

import io.qless.health.QlessHealthIndicator;
import java.time.Clock;

import io.qless.autoconfigure.QlessAutoConfiguration;
import io.qless.autoconfigure.QlessProperties;
import io.qless.core.QlessOperations;

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
	@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
	QlessHealthIndicator qlessHealthIndicator(RedisConnectionFactory connectionFactory, QlessOperations qless,
			QlessProperties properties) {
		return new QlessHealthIndicator(connectionFactory, qless, properties.getHealth().getClockSkewThreshold(),
				Clock.systemUTC());
	}

}
