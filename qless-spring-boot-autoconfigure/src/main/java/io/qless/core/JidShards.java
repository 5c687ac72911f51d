package io.qless.core;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The shards of recently put and popped jobs, so that the calls of a running job (its
 * heartbeats, its log) reach its shard without a lookup. Bounded: the least recently used
 * entries go first. A jid never changes shard (moves across shards are refused), so an entry
 * is right for as long as the job exists.
 */
final class JidShards {

	private final Map<String, QlessShard> shards;

	JidShards(int capacity) {
		this.shards = new LinkedHashMap<>(64, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, QlessShard> eldest) {
				return size() > capacity;
			}

		};
	}

	synchronized void remember(String jid, QlessShard shard) {
		this.shards.put(jid, shard);
	}

	synchronized @Nullable QlessShard get(String jid) {
		return this.shards.get(jid);
	}

	synchronized int size() {
		return this.shards.size();
	}

}
