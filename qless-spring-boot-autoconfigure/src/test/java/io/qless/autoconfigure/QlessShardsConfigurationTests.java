package io.qless.autoconfigure;

import java.util.List;

import io.qless.core.QlessShard;
import io.qless.core.QlessShards;
import io.qless.core.QlessTemplate;
import io.qless.core.event.QlessEventSubscriber;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the {@code qless.shards.*} part of {@link QlessAutoConfiguration}. Nothing here
 * talks to Redis.
 */
@ExtendWith(OutputCaptureExtension.class)
class QlessShardsConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class,
				QlessAutoConfiguration.class))
		.withPropertyValues("spring.data.redis.url=redis://127.0.0.1:1");

	@Test
	void withoutShardsASingleRedisHasOnlyThePlainDefaultShard() {
		this.runner.run((context) -> {
			QlessShards shards = context.getBean(QlessShards.class);
			assertThat(shards.all()).containsExactly(QlessShard.plain());
			assertThat(context.getBean(QlessTemplate.class).shards()).isSameAs(shards);
			assertThat(ReflectionTestUtils.getField(context.getBean(QlessEventSubscriber.class), "prefixes"))
				.isEqualTo(List.of("ql:"));
		});
	}

	@Test
	void shardsBindAndRouteQueues(CapturedOutput output) {
		this.runner
			.withPropertyValues("qless.worker-name=w1", "qless.shards.orders.queues=orders-*,billing",
					"qless.shards.mail.queues=mail-?")
			.run((context) -> {
				QlessShards shards = context.getBean(QlessShards.class);
				assertThat(shards.all()).extracting(QlessShard::name).containsExactly("default", "orders", "mail");
				assertThat(shards.shardOf("orders-1").keyPrefix()).isEqualTo("ql:{orders}:");
				assertThat(shards.shardOf("billing").name()).isEqualTo("orders");
				assertThat(shards.shardOf("mail-1").name()).isEqualTo("mail");
				assertThat(shards.shardOf("reports").keyPrefix()).isEqualTo("ql:");
				assertThat(context.getBean(QlessTemplate.class).shards()).isSameAs(shards);
				assertThat(ReflectionTestUtils.getField(context.getBean(QlessEventSubscriber.class), "prefixes"))
					.isEqualTo(List.of("ql:", "ql:{orders}:", "ql:{mail}:"));
				assertThat(output).contains("as worker w1, shards [default, orders, mail]");
			});
	}

	@Test
	void onARedisClusterTheDefaultShardIsHashTagged() {
		this.runner.withPropertyValues("spring.data.redis.cluster.nodes=127.0.0.1:1,127.0.0.1:2")
			.run((context) -> {
				QlessShards shards = context.getBean(QlessShards.class);
				assertThat(shards.isSharded()).isFalse();
				assertThat(shards.defaultShard().keyPrefix()).isEqualTo("ql:{default}:");
			});
	}

	@Test
	void aQueueListedByTwoShardsFailsTheStartup() {
		this.runner.withPropertyValues("qless.shards.a.queues=billing", "qless.shards.b.queues=billing")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("Queue 'billing' is listed by shards 'a' and 'b'"));
	}

	@Test
	void theDefaultShardCannotBeDeclared() {
		this.runner.withPropertyValues("qless.shards.default.queues=billing")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("give the shard another name"));
	}

	@Test
	void backsOffFromAUserDefinedShards() {
		this.runner.withUserConfiguration(UserShards.class).withPropertyValues("qless.shards.a.queues=x")
			.run((context) -> {
				assertThat(context.getBean(QlessShards.class)).isSameAs(UserShards.SHARDS);
				assertThat(context.getBean(QlessTemplate.class).shards()).isSameAs(UserShards.SHARDS);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserShards {

		static final QlessShards SHARDS = QlessShards.of(false, java.util.Map.of("mine", List.of("mine-*")));

		@Bean
		QlessShards myShards() {
			return SHARDS;
		}

	}

}
