package io.qless.autoconfigure;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.qless.core.JacksonPayloadConverter;
import io.qless.core.PutRequestCustomizer;
import io.qless.core.QlessOperations;
import io.qless.core.QlessPayloadConverter;
import io.qless.core.QlessShard;
import io.qless.core.QlessShards;
import io.qless.core.QlessTemplate;
import io.qless.producer.PutDefaults;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The {@link QlessTemplate}, the {@link QlessShards} it spreads queues over
 * ({@code qless.shards.*}), the registry of declared throttles it applies to puts, and the
 * writer of the {@code qless.server.*} options and {@code qless.throttles.*} maxima.
 */
@Configuration(proxyBeanMethods = false)
class QlessTemplateConfiguration {

	private static final Log logger = LogFactory.getLog(QlessTemplateConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	PutDefaults qlessPutDefaults(ObjectProvider<JsonMapper> jsonMapper, QlessProperties properties) {
		PutDefaults registry = new PutDefaults(QlessJsonMappers.resolve(jsonMapper));
		properties.getThrottles().keySet().forEach(registry::addKnownThrottle);
		return registry;
	}

	@Bean
	@ConditionalOnMissingBean
	QlessPayloadConverter qlessPayloadConverter(ObjectProvider<JsonMapper> jsonMapper) {
		return new JacksonPayloadConverter(QlessJsonMappers.resolve(jsonMapper));
	}

	@Bean
	@ConditionalOnMissingBean
	QlessShards qlessShards(RedisConnectionFactory connectionFactory, QlessProperties properties) {
		Map<String, List<String>> shards = new LinkedHashMap<>();
		properties.getShards().forEach((name, shard) -> shards.put(name, shard.getQueues()));
		return QlessShards.of(isCluster(connectionFactory), shards);
	}

	static boolean isCluster(RedisConnectionFactory connectionFactory) {
		return connectionFactory instanceof LettuceConnectionFactory lettuce
				&& lettuce.getClusterConfiguration() != null;
	}

	@Bean
	@ConditionalOnMissingBean(QlessOperations.class)
	QlessTemplate qlessTemplate(RedisConnectionFactory connectionFactory, ObjectProvider<JsonMapper> jsonMapper,
			QlessPayloadConverter payloadConverter, QlessProperties properties, QlessShards shards,
			ObjectProvider<PutRequestCustomizer> putRequestCustomizers,
			ObjectProvider<QlessTemplateCustomizer> customizers,
			@Qualifier(QlessAutoConfiguration.CLOCK_BEAN_NAME) ObjectProvider<Clock> clock) {
		QlessTemplate template = new QlessTemplate(connectionFactory, QlessJsonMappers.resolve(jsonMapper),
				QlessAutoConfiguration.clock(clock), properties.getDialect());
		template.setPayloadConverter(payloadConverter);
		template.setShards(shards);
		template.setTimeout(properties.getTimeout());
		template.setAfterCommitPuts(properties.isAfterCommitPuts());
		String workerName = properties.getWorkerName();
		if (workerName != null && !workerName.isBlank()) {
			template.setWorkerName(workerName);
		}
		putRequestCustomizers.orderedStream().forEach(template::addPutRequestCustomizer);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(template));
		logger.info("qless: using " + template.describeServer() + " with the " + template.dialect().name().toLowerCase(
				Locale.ROOT) + " dialect, as worker " + template.workerName()
				+ (shards.isSharded() ? ", shards " + shardNames(shards) : ""));
		return template;
	}

	private static List<String> shardNames(QlessShards shards) {
		return shards.all().stream().map(QlessShard::name).toList();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(QlessOperations.class)
	QlessServerConfigWriter qlessServerConfigWriter(QlessOperations qless, QlessProperties properties) {
		return new QlessServerConfigWriter(qless, properties.getServer(), properties.getThrottles());
	}

}
