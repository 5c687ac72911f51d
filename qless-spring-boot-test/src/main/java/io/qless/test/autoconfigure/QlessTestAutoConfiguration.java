package io.qless.test.autoconfigure;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.qless.autoconfigure.QlessAutoConfiguration;
import io.qless.core.QlessOperations;
import io.qless.test.TestRedis;
import io.qless.test.jobs.JobRecorder;
import io.qless.test.jobs.QlessTestClock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of what qless needs in a test, before the qless and Redis auto-configurations: the test
 * Redis (unless the test declares one with {@code @ServiceConnection}), the
 * {@link QlessTestClock} as the {@code qlessClock}, the {@link JobRecorder} the containers
 * run every job through, and, with {@code qless.test.inline=true}, the inline mode.
 * Imported by {@link AutoConfigureQlessTest}.
 */
@AutoConfiguration(before = { DataRedisAutoConfiguration.class, QlessAutoConfiguration.class },
		afterName = "org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration")
@EnableConfigurationProperties(QlessTestProperties.class)
@Import(QlessInlineConfiguration.class)
public final class QlessTestAutoConfiguration {

	@Bean(QlessAutoConfiguration.CLOCK_BEAN_NAME)
	@ConditionalOnMissingBean(name = QlessAutoConfiguration.CLOCK_BEAN_NAME)
	QlessTestClock qlessClock(QlessTestProperties properties) {
		Instant start = properties.getClock().getStart();
		return new QlessTestClock((start != null) ? start : Instant.now().truncatedTo(ChronoUnit.SECONDS));
	}

	@Bean
	@ConditionalOnMissingBean(DataRedisConnectionDetails.class)
	@ConditionalOnBooleanProperty(name = "qless.test.replace-redis", matchIfMissing = true)
	TestRedisConnectionDetails qlessTestRedisConnectionDetails() {
		return new TestRedisConnectionDetails(TestRedis::shared);
	}

	@Bean
	@ConditionalOnMissingBean
	JobRecorder qlessTestJobRecorder(ObjectProvider<QlessOperations> qless) {
		return new JobRecorder(qless::getObject);
	}

}
