package io.qless.autoconfigure;

import java.time.Clock;

import io.qless.core.QlessTemplate;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
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
 * <p>
 * qless takes {@code now} from its client: the template and the listener containers read
 * it from a {@link Clock} bean named {@value #CLOCK_BEAN_NAME} when the application
 * defines one (a test clock, for example), and from {@link Clock#systemUTC()} otherwise.
 */
@AutoConfiguration(after = { DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class })
@ConditionalOnClass({ QlessTemplate.class, RedisConnectionFactory.class, JsonMapper.class })
@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
@EnableConfigurationProperties(QlessProperties.class)
@Import({ QlessTemplateConfiguration.class, QlessEventsConfiguration.class, QlessAnnotationDrivenConfiguration.class,
		QlessScheduleConfiguration.class })
public final class QlessAutoConfiguration {

	/**
	 * Name of the {@link Clock} bean the template and the listener containers take
	 * {@code now} from, when there is one.
	 */
	public static final String CLOCK_BEAN_NAME = "qlessClock";

	static Clock clock(ObjectProvider<Clock> clock) {
		return clock.getIfAvailable(Clock::systemUTC);
	}

}
