package io.qless.autoconfigure;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.qless.core.QlessOperations;
import io.qless.core.event.QlessApplicationEventBridge;
import io.qless.core.event.QlessEvent;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

@QlessRedisTest
class QlessApplicationEventsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class,
				QlessAutoConfiguration.class));

	@Test
	void offByDefault(TestRedis redis) {
		this.runner.withPropertyValues("spring.data.redis.url=" + redis.url())
			.run((context) -> assertThat(context).doesNotHaveBean(QlessApplicationEventBridge.class));
	}

	@Test
	void qlessEventsArePublishedAsApplicationEvents(TestRedis redis) {
		this.runner.withPropertyValues("spring.data.redis.url=" + redis.url(), "qless.events.application-events=true")
			.withUserConfiguration(Listener.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(QlessApplicationEventBridge.class);
				String jid = context.getBean(QlessOperations.class).queue("events").put("K", Map.of("a", 1));
				QlessEvent event = context.getBean(Listener.class).events.poll(10, TimeUnit.SECONDS);
				assertThat(event).isEqualTo(new QlessEvent.Put("ql:log", jid, "events"));
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class Listener {

		final BlockingQueue<QlessEvent> events = new LinkedBlockingQueue<>();

		@EventListener
		void on(QlessEvent.Put event) {
			this.events.add(event);
		}

	}

}
