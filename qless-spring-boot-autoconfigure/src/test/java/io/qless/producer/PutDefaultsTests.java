package io.qless.producer;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qless.annotation.QlessJob;
import io.qless.annotation.QlessListenerAnnotationBeanPostProcessor;
import io.qless.annotation.QueueHandler;
import io.qless.core.PutRequest;
import io.qless.core.RawJson;
import io.qless.core.UniqueKey;
import io.qless.core.UniqueMode;
import io.qless.listener.QlessListenerContainerFactory;
import io.qless.listener.QlessListenerEndpoint;
import io.qless.listener.QlessListenerEndpointRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link PutDefaults} and the throttles the annotation post-processor
 * declares in it. No Redis.
 */
class PutDefaultsTests {

	private final PutDefaults registry = new PutDefaults(JsonMapper.builder().build());

	@Test
	void klassWideAndQueueThrottlesAreAddedToTheRequestsOwn() {
		this.registry.declare("Send", null, List.of("smtp"));
		this.registry.declare("Send", "emails", List.of("smtp", "bulk"));
		PutRequest request = PutRequest.of("Send", Map.of()).throttles("mine");

		assertThat(this.registry.customize("emails", request).throttles()).containsExactly("mine", "smtp", "bulk");
		assertThat(this.registry.customize("other", PutRequest.of("Send", Map.of())).throttles())
			.containsExactly("smtp");
		PutRequest unrelated = PutRequest.of("Other", Map.of());
		assertThat(this.registry.customize("emails", unrelated)).isSameAs(unrelated);
		assertThat(this.registry.knownThrottles()).containsExactly("smtp", "bulk");
	}

	@Test
	void expressionsReadThePayloadOfEachPut() {
		this.registry.declare("Send", "emails", List.of("tenant-#{payload.tenantId}", "#{queue}-#{klass}"));
		assertThat(this.registry.knownThrottles()).isEmpty();

		assertThat(this.registry.throttlesFor("Send", "emails", new Order("acme"), null)).containsExactly("tenant-acme",
				"emails-Send");
		assertThat(this.registry.throttlesFor("Send", "emails", Map.of("tenantId", "globex"), null))
			.containsExactly("tenant-globex", "emails-Send");
		assertThat(this.registry.throttlesFor("Send", "emails", new RawJson("{\"tenantId\":\"initech\"}"), null))
			.containsExactly("tenant-initech", "emails-Send");
	}

	@Test
	void anExpressionThatYieldsNothingAddsNoThrottle() {
		this.registry.declare("Send", "emails", List.of("#{payload.region}"));
		assertThat(this.registry.throttlesFor("Send", "emails", new java.util.HashMap<>(Map.of("region", "")), "j1"))
			.isEmpty();
		PutRequest request = PutRequest.of("Send", Map.of("region", ""));
		assertThat(this.registry.customize("emails", request)).isSameAs(request);
	}

	@Test
	void aDeclaredUniqueKeyIsReadFromThePayload() {
		this.registry.declare("Send", null, new PutDeclaration(List.of(), List.of(), null, null, null,
				"order-#{payload.tenantId}", null, null));
		this.registry.declare("Send", "emails", new PutDeclaration(List.of(), List.of(), null, null, null, null,
				"debounce", "1h"));

		assertThat(this.registry.customize("other", PutRequest.of("Send", new Order("acme"))).unique())
			.isEqualTo(new UniqueKey("order-acme", UniqueMode.FINISH, null));
		assertThat(this.registry.customize("emails", PutRequest.of("Send", new Order("acme"))).unique())
			.isEqualTo(new UniqueKey("order-acme", UniqueMode.DEBOUNCE, Duration.ofHours(1)));
		PutRequest own = PutRequest.of("Send", new Order("acme")).unique("mine");
		assertThat(this.registry.customize("other", own).unique().key()).isEqualTo("mine");
	}

	@Test
	void aUniqueKeyThatYieldsNothingPutsWithoutOne() {
		this.registry.declare("Send", null,
				new PutDeclaration(List.of(), List.of(), null, null, null, "#{payload.region}", null, null));
		PutRequest request = PutRequest.of("Send", new java.util.HashMap<>(Map.of("region", "")));
		assertThat(this.registry.customize("emails", request).unique()).isNull();
	}

	@Test
	void anUnknownUniqueModeFailsAtDeclaration() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.declare("Send", null,
				new PutDeclaration(List.of(), List.of(), null, null, null, "k", "later", null)));
	}

	@Test
	void expressionsCanReferToBeans() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton("regions", new Regions());
		this.registry.setBeanFactory(beanFactory);
		this.registry.declare("Send", "emails", List.of("region-#{@regions.of(payload.tenantId)}"));
		assertThat(this.registry.throttlesFor("Send", "emails", new Order("acme"), null))
			.containsExactly("region-eu");
	}

	@Test
	void thePostProcessorDeclaresAnnotatedThrottlesWithPlaceholdersResolved() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("test", Map.of("smtp.throttle", "smtp-eu")));
			context.register(PostProcessorConfiguration.class);
			context.refresh();
			PutDefaults registry = context.getBean(PutDefaults.class);
			assertThat(registry.knownThrottles()).containsExactly("all-senders", "smtp-eu");
			assertThat(registry.throttlesFor("Send", "emails", new Order("acme"), null)).containsExactly("all-senders",
					"smtp-eu", "tenant-acme");
			assertThat(registry.throttlesFor("Send", "other", new Order("acme"), null)).containsExactly("all-senders");
		}
	}

	@Test
	void declaredPriorityTagsRetriesAndDelayApplyWhereTheRequestSetsNone() {
		this.registry.declare("Send", null, new PutDeclaration(List.of(), List.of("mail"), "1", "3", null));
		this.registry.declare("Send", "emails",
				new PutDeclaration(List.of(), List.of("tenant-#{payload.tenantId}"), "#{payload.tenantId == 'vip' ? 10 : 2}",
						null, "5m"));

		PutRequest plain = this.registry.customize("emails", PutRequest.of("Send", new Order("vip")));
		assertThat(plain.tags()).containsExactly("mail", "tenant-vip");
		assertThat(plain.priority()).isEqualTo(10);
		assertThat(plain.retries()).isEqualTo(3);
		assertThat(plain.delay()).isEqualTo(java.time.Duration.ofMinutes(5));

		PutRequest explicit = this.registry.customize("emails", PutRequest.of("Send", new Order("acme"))
			.tags("mine")
			.priority(7)
			.retries(0)
			.delay(java.time.Duration.ofSeconds(1)));
		assertThat(explicit.tags()).containsExactly("mine", "mail", "tenant-acme");
		assertThat(explicit.priority()).isEqualTo(7);
		assertThat(explicit.retries()).isZero();
		assertThat(explicit.delay()).isEqualTo(java.time.Duration.ofSeconds(1));

		PutRequest elsewhere = this.registry.customize("other", PutRequest.of("Send", new Order("vip")));
		assertThat(elsewhere.priority()).isEqualTo(1);
		assertThat(elsewhere.delay()).isZero();
	}

	@Test
	void thePostProcessorDeclaresProducerDefaultsForEveryKlassAlias() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(AliasConfiguration.class);
			context.refresh();
			PutDefaults registry = context.getBean(PutDefaults.class);
			for (String klass : List.of("gnomes.GnomesJob", "Gnomes::GnomesJob")) {
				PutRequest request = registry.customize("underpants", PutRequest.of(klass, new Order("acme")));
				assertThat(request.priority()).isEqualTo(5);
				assertThat(request.tags()).containsExactly("gnomes", "tenant-acme");
				assertThat(request.retries()).isEqualTo(2);
			}
			assertThat(context.getBean(RecordingEndpointRegistry.class).endpoints).extracting(QlessListenerEndpoint::klass)
				.containsExactly("gnomes.GnomesJob", "Gnomes::GnomesJob");
		}
	}

	record Order(String tenantId) {
	}

	@QlessJob(value = { "gnomes.GnomesJob", "Gnomes::GnomesJob" }, tags = "gnomes", retries = "2")
	static class Gnomes {

		@QueueHandler(value = "underpants", priority = "5", tags = "tenant-#{payload.tenantId}", autoStartup = "false")
		void collect(Order order) {
		}

	}

	static class RecordingEndpointRegistry extends QlessListenerEndpointRegistry {

		final List<QlessListenerEndpoint> endpoints = new java.util.ArrayList<>();

		@Override
		public synchronized void registerEndpoint(QlessListenerEndpoint endpoint,
				QlessListenerContainerFactory factory) {
			this.endpoints.add(endpoint);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@org.springframework.context.annotation.Import(Gnomes.class)
	static class AliasConfiguration {

		@Bean
		static QlessListenerAnnotationBeanPostProcessor qlessListenerAnnotationBeanPostProcessor() {
			return new QlessListenerAnnotationBeanPostProcessor();
		}

		@Bean
		PutDefaults putDefaults() {
			return new PutDefaults(JsonMapper.builder().build());
		}

		@Bean
		RecordingEndpointRegistry qlessListenerEndpointRegistry() {
			return new RecordingEndpointRegistry();
		}

		@Bean(QueueHandler.DEFAULT_CONTAINER_FACTORY)
		QlessListenerContainerFactory defaultFactory() {
			return (queue, endpoints) -> {
				throw new UnsupportedOperationException();
			};
		}

	}

	static class Regions {

		public String of(String tenant) {
			return "acme".equals(tenant) ? "eu" : "us";
		}

	}

	@QlessJob(value = "Send", throttles = "all-senders")
	static class Sender {

		@QueueHandler(value = "emails", throttles = { "${smtp.throttle}", "tenant-#{payload.tenantId}" },
				autoStartup = "false")
		void send(Order order) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PostProcessorConfiguration {

		@Bean
		static QlessListenerAnnotationBeanPostProcessor qlessListenerAnnotationBeanPostProcessor() {
			return new QlessListenerAnnotationBeanPostProcessor();
		}

		@Bean
		PutDefaults putDefaults() {
			return new PutDefaults(JsonMapper.builder().build());
		}

		@Bean
		QlessListenerEndpointRegistry qlessListenerEndpointRegistry() {
			return new QlessListenerEndpointRegistry() {

				@Override
				public void registerEndpoint(QlessListenerEndpoint endpoint, QlessListenerContainerFactory factory) {
				}

			};
		}

		@Bean(QueueHandler.DEFAULT_CONTAINER_FACTORY)
		QlessListenerContainerFactory defaultFactory() {
			return (queue, endpoints) -> {
				throw new UnsupportedOperationException("not started in these tests");
			};
		}

		@Bean
		Sender sender() {
			return new Sender();
		}

	}

}
