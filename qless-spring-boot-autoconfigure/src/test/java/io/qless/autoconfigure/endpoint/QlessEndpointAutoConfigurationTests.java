package io.qless.autoconfigure.endpoint;

import io.qless.autoconfigure.QlessAutoConfiguration;
import io.qless.endpoint.QlessEndpoint;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link QlessEndpointAutoConfiguration}.
 */
class QlessEndpointAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class,
				QlessAutoConfiguration.class, QlessEndpointAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:1");

	@Test
	void notAvailableUnlessExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(QlessEndpoint.class));
	}

	@Test
	void availableWhenExposedOverTheWeb() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=qless")
			.run((context) -> assertThat(context).hasSingleBean(QlessEndpoint.class));
	}

	@Test
	void offWhenAccessIsNone() {
		this.runner
			.withPropertyValues("management.endpoints.web.exposure.include=qless",
					"management.endpoint.qless.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(QlessEndpoint.class));
	}

	@Test
	void offWithoutActuator() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=qless")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).doesNotHaveBean(QlessEndpoint.class));
	}

}
