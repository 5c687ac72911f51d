package io.qless.autoconfigure;

import io.qless.core.QlessOperations;
import io.qless.core.QlessTemplate;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The {@link QlessTemplate} and the writer of the {@code qless.server.*} options.
 */
@Configuration(proxyBeanMethods = false)
class QlessTemplateConfiguration {


	@Bean
	@ConditionalOnMissingBean(QlessOperations.class)
	QlessTemplate qlessTemplate(RedisConnectionFactory connectionFactory, ObjectProvider<JsonMapper> jsonMapper,
			QlessProperties properties, ObjectProvider<QlessTemplateCustomizer> customizers) {
		QlessTemplate template = new QlessTemplate(connectionFactory, QlessJsonMappers.resolve(jsonMapper));
		String workerName = properties.getWorkerName();
		if (workerName != null && !workerName.isBlank()) {
			template.setWorkerName(workerName);
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(template));
		return template;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(QlessOperations.class)
	QlessServerConfigWriter qlessServerConfigWriter(QlessOperations qless, QlessProperties properties) {
		return new QlessServerConfigWriter(qless, properties.getServer());
	}

}
