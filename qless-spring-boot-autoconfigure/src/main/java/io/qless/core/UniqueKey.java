package io.qless.core;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The unique key of a put: while a job holding the key is in flight (see
 * {@link UniqueMode}), a put with the same key creates no job and returns the holder's
 * jid. Keys are global across queues and klasses: prefix them (e.g. {@code "order-42"}).
 *
 * @param key the key, not empty
 * @param mode how long the key is held and what a duplicate does
 * @param ttl how long the key lives at most after the put (a safety net), {@link Duration#ZERO}
 * for no limit, or {@code null} for the script's default (the put's delay plus 30 days)
 */
public record UniqueKey(String key, UniqueMode mode, @Nullable Duration ttl) {

	/**
	 * Create a new instance.
	 * @param key the key
	 * @param mode the mode
	 * @param ttl the time to live
	 */
	public UniqueKey {
		Assert.hasText(key, "'key' must not be empty");
		Assert.notNull(mode, "'mode' must not be null");
		Assert.isTrue(ttl == null || !ttl.isNegative(), "'ttl' must not be negative");
	}

	/**
	 * Return a copy with the given time to live.
	 * @param ttl the time to live, {@link Duration#ZERO} for no limit
	 * @return the copy
	 */
	public UniqueKey withTtl(Duration ttl) {
		Assert.notNull(ttl, "'ttl' must not be null");
		return new UniqueKey(this.key, this.mode, ttl);
	}

}
