package io.qless.autoconfigure;

import io.qless.core.QlessTemplate;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * for qless: a {@link QlessTemplate} on the application's {@link RedisConnectionFactory}
 * and {@code JsonMapper}, the {@code qless.server.*} options written to Redis at startup,
 * the qless event subscriber, the listener containers that run {@code @QueueHandler}
 * methods, and the scheduler of {@code @QlessSchedule} and {@code qless.schedules.*}.
 * <p>
 * The beans live in imported configurations, in this order, so that the conditions on
 * the later ones see the beans of the earlier ones.
 */
@AutoConfiguration(after = { DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class })
@ConditionalOnClass({ QlessTemplate.class, RedisConnectionFactory.class, JsonMapper.class })
@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
@EnableConfigurationProperties(QlessProperties.class)
@Import({ QlessTemplateConfiguration.class, QlessEventsConfiguration.class, QlessAnnotationDrivenConfiguration.class,
		QlessScheduleConfiguration.class })
public final class QlessAutoConfiguration {

}
