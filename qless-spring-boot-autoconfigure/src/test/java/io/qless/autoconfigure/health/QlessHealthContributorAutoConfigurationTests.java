package io.qless.autoconfigure.health;

import java.time.Duration;

import io.qless.autoconfigure.QlessAutoConfiguration;
import io.qless.health.QlessHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QlessHealthContributorAutoConfiguration}.
 */
class QlessHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class,
				QlessAutoConfiguration.class, QlessHealthContributorAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:1");

	@Test
	void registersTheIndicatorAsQless() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(QlessHealthIndicator.class)
			.hasBean("qlessHealthIndicator"));
	}

	@Test
	void thresholdBinds() {
		this.runner.withPropertyValues("qless.health.clock-skew-threshold=2s")
			.run((context) -> assertThat(context.getBean(QlessHealthIndicator.class))
				.hasFieldOrPropertyWithValue("clockSkewThreshold", Duration.ofSeconds(2)));
	}

	@Test
	void offWhenDisabled() {
		this.runner.withPropertyValues("management.health.qless.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(QlessHealthIndicator.class));
	}

	@Test
	void offWithoutSpringBootHealth() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(QlessHealthIndicator.class));
	}

	@Test
	void userBeanWins() {
		this.runner.withUserConfiguration(UserIndicatorConfiguration.class)
			.run((context) -> assertThat(context).doesNotHaveBean(QlessHealthIndicator.class)
				.hasBean("qlessHealthIndicator"));
	}

	@Test
	void downWhenRedisIsUnreachable() {
		this.runner.run((context) -> assertThat(context.getBean(QlessHealthIndicator.class).health(true).getStatus())
			.isEqualTo(Status.DOWN));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserIndicatorConfiguration {

		@Bean
		HealthIndicator qlessHealthIndicator() {
			return () -> org.springframework.boot.health.contributor.Health.up().build();
		}

	}

}
