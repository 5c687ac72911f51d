package io.qless.test.autoconfigure;

import io.qless.autoconfigure.QlessAutoConfiguration;
import io.qless.autoconfigure.QlessServerConfigWriter;
import io.qless.core.QlessOperations;
import io.qless.listener.QlessListenerEndpointRegistry;
import io.qless.test.jobs.InlineJobRunner;
import io.qless.test.jobs.JobRecorder;
import io.qless.test.jobs.QlessTestClock;
import io.qless.test.jobs.QlessTestJobs;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * of {@link QlessTestJobs} (drain, awaitCompleted) and of the emptying of the test database
 * before each test, once the qless auto-configuration has made the client and the
 * listener containers. Imported by {@link AutoConfigureQlessTest}.
 */
@AutoConfiguration(after = QlessAutoConfiguration.class)
@ConditionalOnBean({ QlessOperations.class, QlessListenerEndpointRegistry.class, QlessTestClock.class,
		JobRecorder.class, RedisConnectionFactory.class })
@EnableConfigurationProperties(QlessTestProperties.class)
public final class QlessTestJobsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	QlessTestJobs qlessTestJobs(QlessOperations qless, QlessListenerEndpointRegistry registry,
			RedisConnectionFactory connectionFactory, QlessTestClock clock, JobRecorder recorder,
			ObjectProvider<InlineJobRunner> inline, QlessTestProperties properties) {
		return new QlessTestJobs(qless, registry, new StringRedisTemplate(connectionFactory), clock, recorder,
				inline.getIfAvailable(), properties.getTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	TestDatabase qlessTestDatabase(QlessTestProperties properties, RedisConnectionFactory connectionFactory,
			ObjectProvider<DataRedisConnectionDetails> connectionDetails, QlessTestClock clock,
			ObjectProvider<QlessServerConfigWriter> configWriters) {
		return new TestDatabase(properties, connectionFactory, connectionDetails.getIfAvailable(), clock,
				configWriters);
	}

}
