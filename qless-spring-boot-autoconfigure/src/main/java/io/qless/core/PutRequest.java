package io.qless.core;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What to put into a queue: class name, payload and options. Immutable; each
 * {@code with}-style method returns a copy. Options left {@code null} are not sent, so a put
 * over an existing jid keeps that job's priority, tags, retries and dependencies.
 *
 * <pre class="code">
 * PutRequest.of("Reports::Build", new BuildReport(42)).priority(5).tags("nightly").delay(Duration.ofMinutes(1));
 * PutRequest.of("Orders::Ship", order).unique("ship-" + order.id());
 * </pre>
 *
 * @param klass the class name (free text)
 * @param payload the payload: any object the {@code JsonMapper} can write, a {@link RawJson},
 * or {@code null} for JSON {@code null}
 * @param jid the job id, or {@code null} to generate one
 * @param delay how long to wait before the job can be popped
 * @param priority the priority, or {@code null} for the script's default (0, or the old value)
 * @param tags the tags, or {@code null} for none (or the old ones)
 * @param retries the retry budget, or {@code null} for the default (5, or the old value)
 * @param depends jids this job waits on, or {@code null} for none (or the old ones)
 * @param throttles throttle ids the job must hold a lock on to run, or {@code null} to send
 * none; unlike the other options they are not kept from an earlier put of the same jid
 * @param unique the unique key, or {@code null} for none; a put of an existing jid without
 * one gives up the key that job held
 */
public record PutRequest(String klass, @Nullable Object payload, @Nullable String jid, Duration delay,
		@Nullable Integer priority, @Nullable List<String> tags, @Nullable Integer retries,
		@Nullable List<String> depends, @Nullable List<String> throttles, @Nullable UniqueKey unique) {

	/**
	 * Create a new instance.
	 * @param klass the class name
	 * @param payload the payload
	 * @param jid the job id
	 * @param delay the delay
	 * @param priority the priority
	 * @param tags the tags
	 * @param retries the retry budget
	 * @param depends the dependencies
	 * @param throttles the throttles
	 * @param unique the unique key
	 */
	public PutRequest {
		Assert.hasText(klass, "'klass' must not be empty");
		Assert.notNull(delay, "'delay' must not be null");
		tags = (tags != null) ? List.copyOf(tags) : null;
		depends = (depends != null) ? List.copyOf(depends) : null;
		throttles = (throttles != null) ? List.copyOf(throttles) : null;
	}

	/**
	 * Start a request with no options.
	 * @param klass the class name
	 * @param payload the payload
	 * @return the request
	 */
	public static PutRequest of(String klass, @Nullable Object payload) {
		return new PutRequest(klass, payload, null, Duration.ZERO, null, null, null, null, null, null);
	}

	/**
	 * Return a copy with the given job id.
	 * @param jid the job id
	 * @return the copy
	 */
	public PutRequest jid(String jid) {
		Assert.hasText(jid, "'jid' must not be empty");
		return new PutRequest(this.klass, this.payload, jid, this.delay, this.priority, this.tags, this.retries,
				this.depends, this.throttles, this.unique);
	}

	/**
	 * Return a copy with the given delay.
	 * @param delay the delay
	 * @return the copy
	 */
	public PutRequest delay(Duration delay) {
		return new PutRequest(this.klass, this.payload, this.jid, delay, this.priority, this.tags, this.retries,
				this.depends, this.throttles, this.unique);
	}

	/**
	 * Return a copy with the given priority.
	 * @param priority the priority
	 * @return the copy
	 */
	public PutRequest priority(int priority) {
		return new PutRequest(this.klass, this.payload, this.jid, this.delay, priority, this.tags, this.retries,
				this.depends, this.throttles, this.unique);
	}

	/**
	 * Return a copy with the given tags.
	 * @param tags the tags
	 * @return the copy
	 */
	public PutRequest tags(String... tags) {
		return new PutRequest(this.klass, this.payload, this.jid, this.delay, this.priority, List.of(tags),
				this.retries, this.depends, this.throttles, this.unique);
	}

	/**
	 * Return a copy with the given retry budget.
	 * @param retries the retry budget
	 * @return the copy
	 */
	public PutRequest retries(int retries) {
		return new PutRequest(this.klass, this.payload, this.jid, this.delay, this.priority, this.tags, retries,
				this.depends, this.throttles, this.unique);
	}

	/**
	 * Return a copy that waits on the given jobs.
	 * @param jids the jobs to wait on
	 * @return the copy
	 */
	public PutRequest depends(String... jids) {
		return new PutRequest(this.klass, this.payload, this.jid, this.delay, this.priority, this.tags, this.retries,
				List.of(jids), this.throttles, this.unique);
	}

	/**
	 * Return a copy that runs only while it holds a lock on each of the given throttles
	 * (and on its queue's implicit throttle, which the script adds).
	 * @param ids the throttle ids
	 * @return the copy
	 */
	public PutRequest throttles(String... ids) {
		return throttles(List.of(ids));
	}

	/**
	 * Return a copy with the given throttles, {@code null} to send none.
	 * @param ids the throttle ids
	 * @return the copy
	 */
	public PutRequest throttles(@Nullable List<String> ids) {
		return new PutRequest(this.klass, this.payload, this.jid, this.delay, this.priority, this.tags, this.retries,
				this.depends, ids, this.unique);
	}

	/**
	 * Return a copy with a unique key held until the job finishes: while a job holding the
	 * key is waiting, scheduled, depending or running, a put with the same key creates no
	 * job and returns the holder's jid (see {@link UniqueMode#FINISH}).
	 * @param key the key, global across queues and klasses
	 * @return the copy
	 */
	public PutRequest unique(String key) {
		return unique(key, UniqueMode.FINISH);
	}

	/**
	 * Return a copy with a unique key held in the given mode.
	 * @param key the key, global across queues and klasses
	 * @param mode how long the key is held and what a duplicate put does
	 * @return the copy
	 */
	public PutRequest unique(String key, UniqueMode mode) {
		return unique(new UniqueKey(key, mode, (this.unique != null) ? this.unique.ttl() : null));
	}

	/**
	 * Return a copy with the given unique key, {@code null} for none.
	 * @param unique the unique key
	 * @return the copy
	 */
	public PutRequest unique(@Nullable UniqueKey unique) {
		return new PutRequest(this.klass, this.payload, this.jid, this.delay, this.priority, this.tags, this.retries,
				this.depends, this.throttles, unique);
	}

	/**
	 * Return a copy whose unique key lives at most the given time after the put, a safety
	 * net for a holder that never finishes; by default the put's delay plus 30 days.
	 * @param ttl the time to live, whole seconds, {@link Duration#ZERO} for no limit
	 * @return the copy
	 * @throws IllegalStateException if the request has no unique key
	 */
	public PutRequest uniqueTtl(Duration ttl) {
		Assert.state(this.unique != null, "A unique TTL needs a unique key: call unique(key) first");
		return unique(this.unique.withTtl(ttl));
	}

}
