package io.qless.autoconfigure;

import java.util.Map;

import io.lettuce.core.RedisCommandExecutionException;
import io.qless.annotation.QlessJob;
import io.qless.annotation.QueueHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * An application that cannot reach Redis, or whose credentials Redis refuses, fails to
 * start with a first error line that says so.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisConnectionFailureAnalyzerTests {

	@Test
	void unreachableRedisIsTheFirstErrorLine(CapturedOutput output) {
		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(App.class)
			.web(WebApplicationType.NONE)
			.properties(Map.of("spring.data.redis.url", "redis://127.0.0.1:1", "spring.main.banner-mode", "off"))
			.run());
		String firstError = output.getOut()
			.lines()
			.filter((line) -> line.contains("ERROR"))
			.findFirst()
			.orElseThrow();
		assertThat(output.getOut()).contains("APPLICATION FAILED TO START")
			.contains("Redis could not be reached: ")
			.contains("127.0.0.1")
			.contains("Connection refused")
			.doesNotContain("Application run failed");
		assertThat(firstError).doesNotContain("Failed to start bean");
	}

	@Test
	void refusedCredentialsAreNamed() {
		RuntimeException failure = new IllegalStateException("Failed to start bean 'redisMessageListenerContainer'",
				new RuntimeException("Unable to connect",
						new RedisCommandExecutionException("WRONGPASS invalid username-password pair or user is disabled.")));
		FailureAnalysis analysis = new RedisConnectionFailureAnalyzer().analyze(failure);
		assertThat(analysis).isNotNull();
		assertThat(analysis.getDescription()).isEqualTo("Redis refused the application's credentials: "
				+ "WRONGPASS invalid username-password pair or user is disabled.");
		assertThat(analysis.getAction()).contains("spring.data.redis.password");
	}

	@Test
	void otherFailuresAreLeftToOtherAnalyzers() {
		assertThat(new RedisConnectionFailureAnalyzer().analyze(new IllegalStateException("boom"))).isNull();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class,
			QlessAutoConfiguration.class })
	@Import(App.Handlers.class)
	static class App {

		@QlessJob("Example")
		static class Handlers {

			@QueueHandler("example")
			void handle(String data) {
			}

		}

	}

}
