package io.qless.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import io.qless.core.MisfirePolicy;
import io.qless.core.PutRequest;
import io.qless.core.PutRequestCustomizer;
import io.qless.core.RawJson;
import io.qless.core.ScheduleDefinition;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * A schedule as the application declares it, with {@code @QlessSchedule} or in
 * {@code qless.schedules.<name>.*}: what is not declared ({@code null} priority or retries,
 * empty tags or throttles) is left to the put customizers, such as the defaults declared on
 * the handler ({@code io.qless.producer.PutDefaults}), which turn it into the
 * {@link ScheduleDefinition} stored in Redis.
 *
 * @param name the schedule name
 * @param cron the cron expression, or {@code null} for an interval schedule
 * @param zone the time zone of the cron expression
 * @param interval the interval, or {@code null} for a cron schedule
 * @param misfire the misfire policy
 * @param queue the queue
 * @param klass the class name
 * @param data the data, JSON text
 * @param priority the priority, or {@code null} if not declared
 * @param tags the tags declared
 * @param retries the retry budget, or {@code null} if not declared
 * @param throttles the throttle ids declared
 * @param source where it is declared, for messages
 */
public record DeclaredSchedule(String name, @Nullable String cron, ZoneId zone, @Nullable Duration interval,
		MisfirePolicy misfire, String queue, String klass, String data, @Nullable Integer priority, List<String> tags,
		@Nullable Integer retries, List<String> throttles, String source) {

	/** The zone of schedules that name none. */
	public static final ZoneId UTC = ScheduleDefinition.UTC;

	/**
	 * Create a declaration, checking it as a definition would be.
	 * @param name the schedule name
	 * @param cron the cron expression
	 * @param zone the time zone
	 * @param interval the interval
	 * @param misfire the misfire policy
	 * @param queue the queue
	 * @param klass the class name
	 * @param data the data
	 * @param priority the priority
	 * @param tags the tags
	 * @param retries the retry budget
	 * @param throttles the throttle ids
	 * @param source where it is declared
	 */
	public DeclaredSchedule {
		Assert.hasText(source, "'source' must not be empty");
		tags = List.copyOf(tags);
		throttles = List.copyOf(throttles);
		try {
			new ScheduleDefinition(name, cron, zone, interval, misfire, queue, klass, data, 0, tags, retries, throttles);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(ex.getMessage() + " (declared " + source + ")", ex);
		}
	}

	/**
	 * Return the definition: the declared values put through the put customizers, for the
	 * queue, as a put of the schedule's data would be.
	 * @param customizers the customizers, in order
	 * @param jsonMapper the mapper for data a customizer replaced
	 * @return the definition
	 */
	public ScheduleDefinition definition(List<? extends PutRequestCustomizer> customizers, JsonMapper jsonMapper) {
		PutRequest request = PutRequest.of(this.klass, new RawJson(this.data));
		if (this.priority != null) {
			request = request.priority(this.priority);
		}
		if (!this.tags.isEmpty()) {
			request = request.tags(this.tags.toArray(String[]::new));
		}
		if (this.retries != null) {
			request = request.retries(this.retries);
		}
		if (!this.throttles.isEmpty()) {
			request = request.throttles(this.throttles);
		}
		for (PutRequestCustomizer customizer : customizers) {
			request = customizer.customize(this.queue, request);
			Assert.state(request != null, () -> customizer + " returned null");
		}
		Object payload = request.payload();
		String json = (payload instanceof RawJson raw) ? raw.json() : jsonMapper.writeValueAsString(payload);
		return new ScheduleDefinition(this.name, this.cron, this.zone, this.interval, this.misfire, this.queue,
				request.klass(), json, (request.priority() != null) ? request.priority() : 0,
				(request.tags() != null) ? request.tags() : List.of(), request.retries(),
				(request.throttles() != null) ? request.throttles() : List.of());
	}

}
