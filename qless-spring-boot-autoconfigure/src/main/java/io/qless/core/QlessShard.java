package io.qless.core;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * One shard: a complete qless key space whose keys all share one prefix. A named shard's
 * prefix carries a hash tag ({@code ql:{orders}:}, so its job hash is
 * {@code ql:{orders}:j:<jid>}), which puts all of its keys in one Redis Cluster slot. The
 * default shard keeps the plain {@code ql:} prefix on a single Redis, where Ruby and Python
 * clients and the web UI expect it, and is {@code ql:{default}:} on a cluster.
 * <p>
 * The script is told the prefix as {@code KEYS[1]}, which is also what a cluster client
 * routes the call by; a shard with the plain prefix is called with no key, exactly as
 * before shards existed.
 *
 * @param name the shard's name ({@value #DEFAULT} for the default shard)
 * @param keyPrefix the prefix of every key of the shard, ending in {@code :}
 * @param queues the queue names and patterns routed to the shard (none for the default
 * shard, which gets every queue no other shard claims)
 */
public record QlessShard(String name, String keyPrefix, List<String> queues) {

	/** Name of the default shard. */
	public static final String DEFAULT = "default";

	/** Prefix of the keys of the default shard on a single Redis. */
	public static final String PLAIN_PREFIX = "ql:";

	public QlessShard {
		Assert.hasText(name, "'name' must not be empty");
		Assert.hasText(keyPrefix, "'keyPrefix' must not be empty");
		queues = List.copyOf(queues);
	}

	/**
	 * Return the default shard with plain {@code ql:} keys, as on a single Redis.
	 * @return the shard
	 */
	public static QlessShard plain() {
		return new QlessShard(DEFAULT, PLAIN_PREFIX, List.of());
	}

	/**
	 * Return a shard whose keys carry its name as a hash tag: {@code ql:{<name>}:}.
	 * @param name the shard's name: letters, digits, {@code -}, {@code _} and {@code .}
	 * @param queues the queue names and patterns routed to the shard
	 * @return the shard
	 */
	public static QlessShard hashTagged(String name, List<String> queues) {
		Assert.hasText(name, "'name' must not be empty");
		Assert.isTrue(name.matches("[A-Za-z0-9._-]+"), () -> "Shard name '" + name
				+ "' must consist of letters, digits, '-', '_' and '.' (it becomes the hash tag of its keys)");
		return new QlessShard(name, "ql:{" + name + "}:", queues);
	}

	/**
	 * Return the key the script is called with, or {@code null} for the plain prefix, which
	 * the script uses when it gets no key.
	 * @return the key, {@code KEYS[1]}
	 */
	public @Nullable String key() {
		return PLAIN_PREFIX.equals(this.keyPrefix) ? null : this.keyPrefix;
	}

	/**
	 * Return whether this is the default shard.
	 * @return whether the shard is the default one
	 */
	public boolean isDefault() {
		return DEFAULT.equals(this.name);
	}

	/**
	 * Return the name of one of the shard's keys: the prefix followed by {@code suffix}.
	 * @param suffix what follows {@code ql:} in the unsharded key, for example {@code j:<jid>}
	 * @return the key
	 */
	public String key(String suffix) {
		return this.keyPrefix + suffix;
	}

}
