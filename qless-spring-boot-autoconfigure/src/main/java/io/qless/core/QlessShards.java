package io.qless.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The shards of a qless deployment and which queue each one owns.
 * <p>
 * Every named shard lists queue names and patterns ({@code *} for any run of characters,
 * {@code ?} for one); a queue goes to the shard that names it exactly, else to the first
 * shard (in declaration order) with a matching pattern, else to the default shard. A queue
 * named exactly by two shards, or the same pattern in two shards, is refused when the
 * shards are built.
 * <p>
 * On a single Redis the default shard keeps the plain {@code ql:} keys; on a cluster it is
 * hash-tagged like the others ({@code ql:{default}:}), because a keyless call cannot be
 * routed to a slot. With no named shards and a single Redis, every call is exactly what it
 * was before shards existed.
 */
public final class QlessShards {

	private static final int MAX_CACHED_QUEUES = 10_000;

	private final QlessShard defaultShard;

	private final List<QlessShard> all;

	private final Map<String, QlessShard> byName;

	private final Map<String, QlessShard> exact;

	private final List<Map.Entry<Pattern, QlessShard>> patterns;

	private final Map<String, QlessShard> routed = new ConcurrentHashMap<>();

	private QlessShards(QlessShard defaultShard, List<QlessShard> named) {
		this.defaultShard = defaultShard;
		List<QlessShard> all = new ArrayList<>(named.size() + 1);
		all.add(defaultShard);
		all.addAll(named);
		this.all = List.copyOf(all);
		Map<String, QlessShard> byName = new LinkedHashMap<>();
		Map<String, QlessShard> exact = new HashMap<>();
		Map<String, QlessShard> patternOwners = new HashMap<>();
		List<Map.Entry<Pattern, QlessShard>> patterns = new ArrayList<>();
		for (QlessShard shard : this.all) {
			Assert.isTrue(byName.put(shard.name(), shard) == null, () -> "Shard '" + shard.name() + "' is declared twice");
			for (String queue : shard.queues()) {
				Assert.hasText(queue, () -> "Shard '" + shard.name() + "' lists an empty queue name");
				if (isPattern(queue)) {
					QlessShard other = patternOwners.putIfAbsent(queue, shard);
					Assert.isTrue(other == null, () -> "Queue pattern '" + queue + "' is listed by shards '"
							+ ((other != null) ? other.name() : "") + "' and '" + shard.name() + "'");
					patterns.add(Map.entry(glob(queue), shard));
				}
				else {
					QlessShard other = exact.putIfAbsent(queue, shard);
					Assert.isTrue(other == null, () -> "Queue '" + queue + "' is listed by shards '"
							+ ((other != null) ? other.name() : "") + "' and '" + shard.name() + "'");
				}
			}
		}
		this.byName = byName;
		this.exact = exact;
		this.patterns = List.copyOf(patterns);
	}

	/**
	 * Return the shards of a single Redis without named shards: only the default shard, with
	 * plain {@code ql:} keys.
	 * @return the shards
	 */
	public static QlessShards single() {
		return new QlessShards(QlessShard.plain(), List.of());
	}

	/**
	 * Return the default shard and the named shards.
	 * @param cluster whether Redis is a cluster (the default shard is then hash-tagged too)
	 * @param shards queue names and patterns by shard name, in declaration order
	 * @return the shards
	 */
	public static QlessShards of(boolean cluster, Map<String, List<String>> shards) {
		Assert.notNull(shards, "'shards' must not be null");
		List<QlessShard> named = new ArrayList<>(shards.size());
		shards.forEach((name, queues) -> {
			Assert.isTrue(!QlessShard.DEFAULT.equals(name), () -> "'" + QlessShard.DEFAULT
					+ "' is the shard of every queue no other shard lists; give the shard another name");
			Assert.notEmpty(queues, () -> "Shard '" + name + "' lists no queues");
			named.add(QlessShard.hashTagged(name, queues));
		});
		QlessShard defaultShard = cluster ? QlessShard.hashTagged(QlessShard.DEFAULT, List.of()) : QlessShard.plain();
		return new QlessShards(defaultShard, named);
	}

	/**
	 * Return the shard that owns a queue.
	 * @param queue the queue name
	 * @return the shard
	 */
	public QlessShard shardOf(String queue) {
		Assert.notNull(queue, "'queue' must not be null");
		if (this.all.size() == 1) {
			return this.defaultShard;
		}
		QlessShard cached = this.routed.get(queue);
		if (cached != null) {
			return cached;
		}
		QlessShard shard = route(queue);
		if (this.routed.size() < MAX_CACHED_QUEUES) {
			this.routed.put(queue, shard);
		}
		return shard;
	}

	private QlessShard route(String queue) {
		QlessShard shard = this.exact.get(queue);
		if (shard != null) {
			return shard;
		}
		for (Map.Entry<Pattern, QlessShard> pattern : this.patterns) {
			if (pattern.getKey().matcher(queue).matches()) {
				return pattern.getValue();
			}
		}
		return this.defaultShard;
	}

	/**
	 * Return the default shard.
	 * @return the default shard
	 */
	public QlessShard defaultShard() {
		return this.defaultShard;
	}

	/**
	 * Return every shard, the default one first, then the named ones in declaration order.
	 * @return the shards
	 */
	public List<QlessShard> all() {
		return this.all;
	}

	/**
	 * Return the shard of the given name.
	 * @param name the shard's name
	 * @return the shard, or {@code null} if there is none of that name
	 */
	public @Nullable QlessShard get(String name) {
		return this.byName.get(name);
	}

	/**
	 * Return whether there is more than the default shard.
	 * @return whether queues are spread over shards
	 */
	public boolean isSharded() {
		return this.all.size() > 1;
	}

	private static boolean isPattern(String queue) {
		return queue.indexOf('*') >= 0 || queue.indexOf('?') >= 0;
	}

	private static Pattern glob(String pattern) {
		StringBuilder regex = new StringBuilder();
		StringBuilder literal = new StringBuilder();
		for (char c : pattern.toCharArray()) {
			if (c == '*' || c == '?') {
				if (!literal.isEmpty()) {
					regex.append(Pattern.quote(literal.toString()));
					literal.setLength(0);
				}
				regex.append((c == '*') ? ".*" : ".");
			}
			else {
				literal.append(c);
			}
		}
		if (!literal.isEmpty()) {
			regex.append(Pattern.quote(literal.toString()));
		}
		return Pattern.compile(regex.toString(), Pattern.DOTALL);
	}

	@Override
	public String toString() {
		return "QlessShards " + this.byName.keySet();
	}

}
