package io.qless.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;


/**
 * Decides which shard a call goes to, and refuses the calls that would cross shards.
 * <p>
 * A queue's shard comes from the configuration ({@link QlessShards#shardOf(String)}). A jid
 * carries no shard: jids minted by any client are plain, and Ruby or Python clients put jobs
 * too. A jid's shard is therefore remembered when this client puts or pops the job (so a
 * running job's heartbeats cost nothing extra), and otherwise looked up: one pipelined
 * {@code EXISTS <prefix>j:<jid>} per shard, a single round trip bounded by the number of
 * shards. A jid found in no shard goes to the default shard, whose script then answers as
 * it does for any unknown job. Recurring templates and schedules are looked up the same way
 * ({@code <prefix>r:<jid>}, {@code <prefix>sched:<name>}). With a single shard there is
 * never a lookup.
 */
final class ShardRouter {

	static final int REMEMBERED_JIDS = 16_384;

	private static final Pattern SHARD_QUEUE_THROTTLE = Pattern.compile("ql:\\{[^}]+\\}:q:(.+)", Pattern.DOTALL);

	private final QlessShards shards;

	private final QlessScriptExecutor executor;

	private final JidShards jids = new JidShards(REMEMBERED_JIDS);

	ShardRouter(QlessShards shards, QlessScriptExecutor executor) {
		this.shards = shards;
		this.executor = executor;
	}

	QlessShards shards() {
		return this.shards;
	}

	boolean isSharded() {
		return this.shards.isSharded();
	}

	QlessShard ofQueue(String queue) {
		return this.shards.shardOf(queue);
	}

	QlessShard ofJid(String jid) {
		if (!isSharded()) {
			return this.shards.defaultShard();
		}
		QlessShard known = this.jids.get(jid);
		if (known != null) {
			return known;
		}
		QlessShard found = find("j:" + jid);
		if (found != null) {
			this.jids.remember(jid, found);
			return found;
		}
		return this.shards.defaultShard();
	}

	QlessShard ofRecurring(String jid) {
		QlessShard found = isSharded() ? find("r:" + jid) : null;
		return (found != null) ? found : this.shards.defaultShard();
	}

	QlessShard ofSchedule(String name) {
		QlessShard found = isSharded() ? find("sched:" + name) : null;
		return (found != null) ? found : this.shards.defaultShard();
	}

	void remember(String jid, QlessShard shard) {
		if (isSharded()) {
			this.jids.remember(jid, shard);
		}
	}

	void remember(Collection<Job> jobs, QlessShard shard) {
		if (isSharded()) {
			for (Job job : jobs) {
				this.jids.remember(job.jid(), shard);
			}
		}
	}

	/**
	 * Return the shard whose key space holds {@code ql:<suffix>}, or null.
	 */
	private @Nullable QlessShard find(String suffix) {
		List<QlessShard> all = this.shards.all();
		List<String> keys = new ArrayList<>(all.size());
		for (QlessShard shard : all) {
			keys.add(shard.key(suffix));
		}
		List<Boolean> exist = this.executor.exist(keys);
		for (int i = 0; i < all.size(); i++) {
			if (exist.get(i)) {
				return all.get(i);
			}
		}
		return null;
	}

	/**
	 * Group jids by the shard that holds them, in the order of the shards.
	 */
	Map<QlessShard, List<String>> byShard(Collection<String> jids) {
		Map<QlessShard, List<String>> groups = new LinkedHashMap<>();
		for (String jid : jids) {
			groups.computeIfAbsent(ofJid(jid), (shard) -> new ArrayList<>()).add(jid);
		}
		return groups;
	}

	/**
	 * Refuse to move a job from {@code queue} into a queue of another shard.
	 */
	void checkNext(String command, String jid, String queue, String next) {
		if (!isSharded()) {
			return;
		}
		QlessShard from = ofQueue(queue);
		QlessShard to = ofQueue(next);
		if (!from.equals(to)) {
			throw new CrossShardException(command, "job " + jid + " cannot move from queue '" + queue + "' (shard '"
					+ from.name() + "') to queue '" + next + "' (shard '" + to.name()
					+ "'): jobs move only between queues of one shard");
		}
	}

	/**
	 * Refuse dependencies on jobs that live in another shard than {@code shard}.
	 */
	void checkDepends(String command, String jid, QlessShard shard, @Nullable Collection<String> depends) {
		if (!isSharded() || depends == null || depends.isEmpty()) {
			return;
		}
		for (String dependency : depends) {
			QlessShard other = ofJid(dependency);
			if (!other.equals(shard) && exists(other, dependency)) {
				throw new CrossShardException(command, "job " + jid + " (shard '" + shard.name()
						+ "') cannot depend on job " + dependency + " of shard '" + other.name()
						+ "': dependencies hold only within a shard");
			}
		}
	}

	private boolean exists(QlessShard shard, String jid) {
		return this.executor.exist(List.of(shard.key("j:" + jid))).get(0);
	}

	/**
	 * Refuse a put into {@code shard} that names the queue throttle of another shard's queue.
	 */
	void checkThrottles(String command, String queue, QlessShard shard, @Nullable List<String> throttles) {
		if (!isSharded() || throttles == null) {
			return;
		}
		for (String id : throttles) {
			String throttled = throttledQueue(id);
			if (throttled != null) {
				QlessShard other = ofQueue(throttled);
				if (!other.equals(shard)) {
					throw new CrossShardException(command, "a job of queue '" + queue + "' (shard '" + shard.name()
							+ "') cannot take the throttle of queue '" + throttled + "' (shard '" + other.name()
							+ "'): throttles hold only within a shard");
				}
			}
		}
	}

	/**
	 * Return the queue of a queue's implicit throttle id, {@code ql:q:<queue>} (or, as a
	 * shard's script may name it, {@code ql:{<shard>}:q:<queue>}), or {@code null} for a
	 * named throttle.
	 */
	static @Nullable String throttledQueue(String id) {
		if (id.startsWith(Throttle.QUEUE_PREFIX)) {
			return id.substring(Throttle.QUEUE_PREFIX.length());
		}
		Matcher sharded = SHARD_QUEUE_THROTTLE.matcher(id);
		return sharded.matches() ? sharded.group(1) : null;
	}

	/**
	 * Refuse a put of an existing jid into a shard other than the one that holds the job.
	 */
	void checkPutJid(String command, String queue, QlessShard shard, @Nullable String jid) {
		if (!isSharded() || jid == null) {
			return;
		}
		QlessShard holder = ofJid(jid);
		if (!holder.equals(shard) && exists(holder, jid)) {
			throw new CrossShardException(command, "job " + jid + " lives in shard '" + holder.name()
					+ "' and cannot be put into queue '" + queue + "' of shard '" + shard.name() + "'");
		}
	}

}
