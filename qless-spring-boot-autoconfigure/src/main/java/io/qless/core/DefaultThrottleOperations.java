package io.qless.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link ThrottleOperations} of a {@link QlessTemplate}.
 */
final class DefaultThrottleOperations implements ThrottleOperations {

	private final QlessTemplate template;

	private final QlessAdminCommands commands;

	DefaultThrottleOperations(QlessTemplate template, QlessAdminCommands commands) {
		this.template = template;
		this.commands = commands;
	}

	@Override
	public void set(String id, long maximum) {
		eachShardOf(id, (shard) -> this.commands.throttleSet(idIn(shard, id), maximum, null));
	}

	@Override
	public void set(String id, long maximum, Duration expiry) {
		Assert.notNull(expiry, "'expiry' must not be null");
		eachShardOf(id, (shard) -> this.commands.throttleSet(idIn(shard, id), maximum, expiry));
	}

	@Override
	public Throttle get(String id) {
		QlessShard shard = firstShardOf(id);
		return this.template.execute(shard, this.commands.throttleGet(idIn(shard, id)));
	}

	@Override
	public long ttl(String id) {
		QlessShard shard = firstShardOf(id);
		return this.template.execute(shard, this.commands.throttleTtl(idIn(shard, id)));
	}

	@Override
	public void delete(String id) {
		eachShardOf(id, (shard) -> this.commands.throttleDelete(idIn(shard, id)));
	}

	@Override
	public List<String> locks(String id) {
		List<String> locks = new ArrayList<>();
		eachShardOf(id, (shard) -> this.commands.throttleLocks(idIn(shard, id), false)).forEach(locks::addAll);
		return List.copyOf(locks);
	}

	@Override
	public List<String> pending(String id) {
		List<String> pending = new ArrayList<>();
		eachShardOf(id, (shard) -> this.commands.throttleLocks(idIn(shard, id), true)).forEach(pending::addAll);
		return List.copyOf(pending);
	}

	@Override
	public void release(String id, Collection<String> jids) {
		ShardRouter router = this.template.router();
		if (!router.isSharded()) {
			QlessShard shard = router.shards().defaultShard();
			this.template.execute(shard, this.commands.throttleRelease(idIn(shard, id), jids));
			return;
		}
		router.byShard(jids)
			.forEach((shard, group) -> this.template.execute(shard,
					this.commands.throttleRelease(idIn(shard, id), group)));
	}

	@Override
	public Throttle getQueueThrottle(String queue) {
		return this.template.execute(this.template.router().ofQueue(queue), this.commands.queueThrottleGet(queue));
	}

	@Override
	public void setQueueThrottle(String queue, long maximum) {
		this.template.execute(this.template.router().ofQueue(queue), this.commands.queueThrottleSet(queue, maximum));
	}

	@Override
	public List<ThrottleStatus> status(Collection<String> ids) {
		Assert.notNull(ids, "'ids' must not be null");
		if (ids.isEmpty()) {
			return List.of();
		}
		List<QlessCommand<@Nullable Object>> calls = new ArrayList<>(ids.size() * 3);
		List<Integer> shardCounts = new ArrayList<>(ids.size());
		for (String id : ids) {
			List<QlessShard> shards = shardsOf(id);
			shardCounts.add(shards.size());
			for (QlessShard shard : shards) {
				String shardId = idIn(shard, id);
				calls.add(erase(this.commands.throttleGet(shardId).in(shard)));
				calls.add(erase(this.commands.throttleLocks(shardId, false).in(shard)));
				calls.add(erase(this.commands.throttleLocks(shardId, true).in(shard)));
			}
		}
		List<BatchResult<@Nullable Object>> results = this.template.executeAll(calls);
		List<ThrottleStatus> status = new ArrayList<>(ids.size());
		int i = 0;
		Iterator<String> requested = ids.iterator();
		for (int shards : shardCounts) {
			String id = requested.next();
			// A named throttle holds in each shard alone: its locks and pending jobs add up.
			Throttle throttle = (Throttle) value(results.get(i));
			int locks = 0;
			int pending = 0;
			for (int s = 0; s < shards; s++, i += 3) {
				locks += ((List<?>) value(results.get(i + 1))).size();
				pending += ((List<?>) value(results.get(i + 2))).size();
			}
			// Named as asked: a shard's script names a queue's throttle with the shard's prefix.
			status.add(new ThrottleStatus(id, throttle.maximum(), throttle.ttl(), locks, pending));
		}
		return List.copyOf(status);
	}

	/**
	 * Return the shards a throttle lives in: its queue's shard for a queue throttle, every
	 * shard for a named one (each shard keeps its own, with the same maximum).
	 */
	private List<QlessShard> shardsOf(String id) {
		String queue = ShardRouter.throttledQueue(id);
		if (queue != null) {
			return List.of(this.template.router().ofQueue(queue));
		}
		return this.template.shards().all();
	}

	/**
	 * Return a throttle id as the shard's script names it: a queue's throttle carries the
	 * shard's prefix ({@code ql:{orders}:q:<queue>}).
	 */
	private String idIn(QlessShard shard, String id) {
		String queue = ShardRouter.throttledQueue(id);
		return (queue != null) ? shard.key("q:" + queue) : id;
	}

	private QlessShard firstShardOf(String id) {
		return shardsOf(id).get(0);
	}

	private <T extends @Nullable Object> List<T> eachShardOf(String id, Function<QlessShard, QlessCommand<T>> command) {
		List<QlessShard> shards = shardsOf(id);
		if (shards.size() == this.template.shards().all().size()) {
			return this.template.executeEach(command);
		}
		List<T> results = new ArrayList<>(shards.size());
		for (QlessShard shard : shards) {
			results.add(this.template.execute(shard, command.apply(shard)));
		}
		return results;
	}

	@SuppressWarnings("unchecked")
	private static QlessCommand<@Nullable Object> erase(QlessCommand<?> command) {
		return (QlessCommand<@Nullable Object>) command;
	}

	private static Object value(BatchResult<@Nullable Object> result) {
		return result.getRequired();
	}

}
