package io.qless.core;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Changes to a recurring template for {@code recur.update}. Only the
 * attributes set here are sent; they apply to children spawned afterwards.
 */
public final class RecurringUpdate {

	private final Map<String, @Nullable Object> changes = new LinkedHashMap<>();

	private RecurringUpdate() {
	}

	/**
	 * Start an empty update.
	 * @return the update
	 */
	public static RecurringUpdate create() {
		return new RecurringUpdate();
	}

	/**
	 * Change the priority.
	 * @param priority the priority
	 * @return this update
	 */
	public RecurringUpdate priority(int priority) {
		this.changes.put("priority", priority);
		return this;
	}

	/**
	 * Change the interval; the next run moves by the difference.
	 * @param interval the interval, whole seconds
	 * @return this update
	 */
	public RecurringUpdate interval(Duration interval) {
		Assert.notNull(interval, "'interval' must not be null");
		this.changes.put("interval", interval.toSeconds());
		return this;
	}

	/**
	 * Change the retry budget.
	 * @param retries the retry budget
	 * @return this update
	 */
	public RecurringUpdate retries(int retries) {
		this.changes.put("retries", retries);
		return this;
	}

	/**
	 * Change the payload.
	 * @param payload the payload (see {@link PutRequest#payload()})
	 * @return this update
	 */
	public RecurringUpdate data(@Nullable Object payload) {
		this.changes.put("data", new Payload(payload));
		return this;
	}

	/**
	 * Change the class name.
	 * @param klass the class name
	 * @return this update
	 */
	public RecurringUpdate klass(String klass) {
		Assert.hasText(klass, "'klass' must not be empty");
		this.changes.put("klass", klass);
		return this;
	}

	/**
	 * Move the template to another queue.
	 * @param queue the queue
	 * @return this update
	 */
	public RecurringUpdate queue(String queue) {
		Assert.hasText(queue, "'queue' must not be empty");
		this.changes.put("queue", queue);
		return this;
	}

	/**
	 * Change the backlog.
	 * @param backlog how many missed runs to catch up
	 * @return this update
	 */
	public RecurringUpdate backlog(int backlog) {
		this.changes.put("backlog", backlog);
		return this;
	}

	/**
	 * Replace the children's throttles. The list is stored as given: include the queue's
	 * implicit throttle ({@link Throttle#queueThrottleId(String)}) to keep it.
	 * @param ids the throttle ids
	 * @return this update
	 */
	public RecurringUpdate throttles(String... ids) {
		this.changes.put("throttles", new Payload(List.of(ids)));
		return this;
	}

	Map<String, @Nullable Object> changes() {
		return Collections.unmodifiableMap(this.changes);
	}

	/**
	 * A payload still to be serialized.
	 *
	 * @param value the payload
	 */
	record Payload(@Nullable Object value) {

	}

}
