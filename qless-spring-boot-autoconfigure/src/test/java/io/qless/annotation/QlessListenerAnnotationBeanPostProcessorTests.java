package io.qless.annotation;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.qless.listener.QlessListenerContainerFactory;
import io.qless.listener.QlessListenerEndpoint;
import io.qless.listener.QlessListenerEndpointRegistry;
import io.qless.listener.RetryBackOff;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class QlessListenerAnnotationBeanPostProcessorTests {

	@Test
	void placeholdersAndSpelAreResolvedAndOptionsParsed() {
		try (AnnotationConfigApplicationContext context = context(PlaceholderHandlers.class)) {
			List<Registration> registrations = context.getBean(RecordingRegistry.class).registrations;

			assertThat(registrations).extracting((r) -> r.endpoint().queue()).containsExactlyInAnyOrder("orders",
					"orders-eu");
			QlessListenerEndpoint endpoint = registrations.get(0).endpoint();
			assertThat(endpoint.klass()).isEqualTo("shop.OrderJob");
			assertThat(endpoint.options().concurrency()).isEqualTo(6);
			assertThat(endpoint.options().backOff())
				.isEqualTo(new RetryBackOff.Overrides(Duration.ofMillis(500), 1.0, null));
			assertThat(RetryBackOff.DEFAULT.with(endpoint.options().backOff()))
				.isEqualTo(RetryBackOff.fixed(Duration.ofMillis(500)));
			assertThat(endpoint.options().nonRetryable()).containsExactly(IllegalArgumentException.class);
			assertThat(endpoint.options().failureGroup()).isEqualTo("order-errors");
			assertThat(endpoint.options().autoStartup()).isFalse();
			assertThat(registrations).extracting(Registration::factory).containsOnly(context.getBean("otherFactory", QlessListenerContainerFactory.class));
		}
	}

	@Test
	void klassDefaultsToTheClassNameAndDefaultsComeFromTheFactory() {
		try (AnnotationConfigApplicationContext context = context(PlainHandlers.class)) {
			List<Registration> registrations = context.getBean(RecordingRegistry.class).registrations;

			assertThat(registrations).hasSize(1);
			QlessListenerEndpoint endpoint = registrations.get(0).endpoint();
			assertThat(endpoint.klass()).isEqualTo(PlainHandlers.class.getName());
			assertThat(endpoint.options().concurrency()).isNull();
			assertThat(endpoint.options().backOff()).isNull();
			assertThat(registrations.get(0).factory()).isSameAs(context.getBean(QueueHandler.DEFAULT_CONTAINER_FACTORY));
		}
	}

	@Test
	void handlersBehindAProxyAreFoundOnTheTargetAndCalledThroughTheProxy() throws Exception {
		try (AnnotationConfigApplicationContext context = context(ProxiedHandlers.class, Proxying.class)) {
			List<Registration> registrations = context.getBean(RecordingRegistry.class).registrations;

			assertThat(registrations).hasSize(1);
			QlessListenerEndpoint endpoint = registrations.get(0).endpoint();
			assertThat(AopUtils.isAopProxy(endpoint.bean())).isTrue();
			assertThat(endpoint.queue()).isEqualTo("proxied");
			Method method = endpoint.method();
			assertThat(method.getDeclaringClass()).isEqualTo(Handler.class);
			assertThat(method.invoke(endpoint.bean(), Map.of("n", 1))).isEqualTo("handled {n=1}");
		}
	}

	private static AnnotationConfigApplicationContext context(Class<?>... classes) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("job.klass", "shop.OrderJob", "queue.name", "orders",
					"handler.group", "order-errors")));
		context.register(Infrastructure.class);
		context.register(classes);
		context.refresh();
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	static class Infrastructure {

		@Bean
		static QlessListenerAnnotationBeanPostProcessor qlessListenerAnnotationBeanPostProcessor() {
			return new QlessListenerAnnotationBeanPostProcessor();
		}

		@Bean
		RecordingRegistry recordingRegistry() {
			return new RecordingRegistry();
		}

		@Bean(QueueHandler.DEFAULT_CONTAINER_FACTORY)
		QlessListenerContainerFactory defaultFactory() {
			return (queue, endpoints) -> {
				throw new UnsupportedOperationException("not started in these tests");
			};
		}

		@Bean
		QlessListenerContainerFactory otherFactory() {
			return (queue, endpoints) -> {
				throw new UnsupportedOperationException("not started in these tests");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Proxying {

		// Ordered first, as Spring's own auto-proxy creators are.
		@Bean
		static InterfaceProxies interfaceProxies() {
			return new InterfaceProxies();
		}

		static class InterfaceProxies implements BeanPostProcessor, PriorityOrdered {

			@Override
			public int getOrder() {
				return Ordered.HIGHEST_PRECEDENCE;
			}

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof Handler) {
					ProxyFactory proxyFactory = new ProxyFactory(bean);
					proxyFactory.addInterface(Handler.class);
					return proxyFactory.getProxy();
				}
				return bean;
			}

		}

	}

	record Registration(QlessListenerEndpoint endpoint, QlessListenerContainerFactory factory) {
	}

	static class RecordingRegistry extends QlessListenerEndpointRegistry {

		final List<Registration> registrations = new ArrayList<>();

		@Override
		public synchronized void registerEndpoint(QlessListenerEndpoint endpoint, QlessListenerContainerFactory factory) {
			this.registrations.add(new Registration(endpoint, factory));
		}

	}

	@QlessJob("${job.klass}")
	static class PlaceholderHandlers {

		@QueueHandler(value = { "${queue.name}", "#{'${queue.name}' + '-eu'}" }, concurrency = "#{2 * 3}",
				backOffInitial = "500ms", backOffMultiplier = "1", nonRetryable = IllegalArgumentException.class,
				failureGroup = "${handler.group}", autoStartup = "false", containerFactory = "otherFactory")
		void handle(Map<String, Object> data) {
		}

	}

	static class PlainHandlers {

		@QueueHandler("plain")
		void handle(Map<String, Object> data) {
		}

	}

	interface Handler {

		String handle(Map<String, Object> data);

	}

	static class ProxiedHandlers implements Handler {

		@Override
		@QueueHandler("proxied")
		public String handle(Map<String, Object> data) {
			return "handled " + data;
		}

	}

}
