package io.qless.core;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A recurring job to create or replace with {@code recur}. Immutable; each
 * {@code with}-style method returns a copy.
 *
 * @param klass the children's class name
 * @param payload the children's payload (see {@link PutRequest#payload()})
 * @param interval the time between two children, whole seconds, more than zero
 * @param jid the template id, or {@code null} to generate one
 * @param offset the time until the first child
 * @param priority the children's priority, or {@code null} for 0
 * @param tags the children's tags, or {@code null} for none
 * @param retries the children's retry budget, or {@code null} for 0
 * @param backlog how many missed runs to catch up, or {@code null} for all
 * @param throttles the children's throttles, or {@code null} for none
 */
public record RecurRequest(String klass, @Nullable Object payload, Duration interval, @Nullable String jid,
		Duration offset, @Nullable Integer priority, @Nullable List<String> tags, @Nullable Integer retries,
		@Nullable Integer backlog, @Nullable List<String> throttles) {

	/**
	 * Create a new instance.
	 * @param klass the class name
	 * @param payload the payload
	 * @param interval the interval
	 * @param jid the template id
	 * @param offset the offset
	 * @param priority the priority
	 * @param tags the tags
	 * @param retries the retry budget
	 * @param backlog the backlog
	 * @param throttles the throttles
	 */
	public RecurRequest {
		Assert.hasText(klass, "'klass' must not be empty");
		Assert.notNull(interval, "'interval' must not be null");
		Assert.notNull(offset, "'offset' must not be null");
		tags = (tags != null) ? List.copyOf(tags) : null;
		throttles = (throttles != null) ? List.copyOf(throttles) : null;
	}

	/**
	 * Start a request with no options.
	 * @param klass the children's class name
	 * @param payload the children's payload
	 * @param interval the time between two children
	 * @return the request
	 */
	public static RecurRequest of(String klass, @Nullable Object payload, Duration interval) {
		return new RecurRequest(klass, payload, interval, null, Duration.ZERO, null, null, null, null, null);
	}

	/**
	 * Return a copy with the given template id.
	 * @param jid the template id
	 * @return the copy
	 */
	public RecurRequest jid(String jid) {
		return new RecurRequest(this.klass, this.payload, this.interval, jid, this.offset, this.priority, this.tags,
				this.retries, this.backlog, this.throttles);
	}

	/**
	 * Return a copy with the given time until the first child.
	 * @param offset the offset
	 * @return the copy
	 */
	public RecurRequest offset(Duration offset) {
		return new RecurRequest(this.klass, this.payload, this.interval, this.jid, offset, this.priority, this.tags,
				this.retries, this.backlog, this.throttles);
	}

	/**
	 * Return a copy with the given priority.
	 * @param priority the priority
	 * @return the copy
	 */
	public RecurRequest priority(int priority) {
		return new RecurRequest(this.klass, this.payload, this.interval, this.jid, this.offset, priority, this.tags,
				this.retries, this.backlog, this.throttles);
	}

	/**
	 * Return a copy with the given tags.
	 * @param tags the tags
	 * @return the copy
	 */
	public RecurRequest tags(String... tags) {
		return new RecurRequest(this.klass, this.payload, this.interval, this.jid, this.offset, this.priority,
				List.of(tags), this.retries, this.backlog, this.throttles);
	}

	/**
	 * Return a copy with the given retry budget.
	 * @param retries the retry budget
	 * @return the copy
	 */
	public RecurRequest retries(int retries) {
		return new RecurRequest(this.klass, this.payload, this.interval, this.jid, this.offset, this.priority,
				this.tags, retries, this.backlog, this.throttles);
	}

	/**
	 * Return a copy with the given backlog.
	 * @param backlog how many missed runs to catch up
	 * @return the copy
	 */
	public RecurRequest backlog(int backlog) {
		return new RecurRequest(this.klass, this.payload, this.interval, this.jid, this.offset, this.priority,
				this.tags, this.retries, backlog, this.throttles);
	}

	/**
	 * Return a copy whose children run only while they hold a lock on each of the given
	 * throttles (and on the queue's implicit throttle).
	 * @param ids the throttle ids
	 * @return the copy
	 */
	public RecurRequest throttles(String... ids) {
		return new RecurRequest(this.klass, this.payload, this.interval, this.jid, this.offset, this.priority,
				this.tags, this.retries, this.backlog, List.of(ids));
	}

}
