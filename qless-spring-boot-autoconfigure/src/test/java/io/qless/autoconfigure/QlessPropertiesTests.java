package io.qless.autoconfigure;

import java.time.Duration;

import io.qless.core.QlessTemplate;
import io.qless.listener.ContainerSettings;
import io.qless.listener.RetryBackOff;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults of {@link QlessProperties} are the defaults of the classes they configure:
 * one source of defaults, in the runtime classes, which the properties (and the generated
 * configuration metadata) repeat.
 */
class QlessPropertiesTests {

	private final QlessProperties properties = new QlessProperties();

	@Test
	void listenerDefaultValuesAreConsistent() {
		QlessProperties.Listener listener = this.properties.getListener();
		assertThat(listener.getConcurrency()).isEqualTo(ContainerSettings.DEFAULT_CONCURRENCY);
		assertThat(listener.getBatchSize()).isEqualTo(ContainerSettings.DEFAULT_BATCH_SIZE);
		assertThat(listener.getIdlePollInterval()).isEqualTo(ContainerSettings.DEFAULT_IDLE_POLL_INTERVAL);
		assertThat(listener.isWakeUp()).isEqualTo(ContainerSettings.DEFAULT_WAKE_UP);
		assertThat(listener.getShutdownTimeout()).isEqualTo(ContainerSettings.DEFAULT_SHUTDOWN_TIMEOUT);
		assertThat(listener.getHandlerTimeout()).isEqualTo(ContainerSettings.DEFAULT_HANDLER_TIMEOUT);
		assertThat(listener.isAutoStartup()).isEqualTo(ContainerSettings.DEFAULT_AUTO_STARTUP);
		QlessProperties.BackOff backOff = listener.getBackOff();
		assertThat(new RetryBackOff(backOff.getInitial(), backOff.getMultiplier(), backOff.getMax()))
			.isEqualTo(RetryBackOff.DEFAULT);
		assertThat(listener.getNonRetryable()).isEmpty();
	}

	@Test
	void templateDefaultValuesAreConsistent() {
		LettuceConnectionFactory connectionFactory = new LettuceConnectionFactory();
		QlessTemplate template = new QlessTemplate(connectionFactory, JsonMapper.builder().build());
		assertThat(this.properties.getTimeout()).isEqualTo(template.getTimeout());
		assertThat(this.properties.getDialect()).isEqualTo(template.dialect());
	}

	@Test
	void healthDefaults() {
		assertThat(this.properties.getHealth().getTimeout()).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.properties.getHealth().getClockSkewThreshold()).isEqualTo(Duration.ofSeconds(5));
	}

}
