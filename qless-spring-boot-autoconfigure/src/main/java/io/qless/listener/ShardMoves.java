package io.qless.listener;

import io.qless.core.CrossShardException;
import io.qless.core.Job;
import io.qless.core.QlessShard;
import io.qless.core.QlessShards;
import org.jspecify.annotations.Nullable;

/**
 * The check that a job moves on ({@code Next}) only into a queue of its own shard: the
 * script of one shard cannot put a job into another shard's key space.
 */
final class ShardMoves {

	private ShardMoves() {
	}

	/**
	 * Return the refusal of moving {@code job} into {@code next}, or {@code null} if both
	 * queues are in one shard.
	 */
	static @Nullable CrossShardException refusal(QlessShards shards, Job job, String next) {
		if (!shards.isSharded()) {
			return null;
		}
		QlessShard from = shards.shardOf(job.queue());
		QlessShard to = shards.shardOf(next);
		if (from.equals(to)) {
			return null;
		}
		return new CrossShardException("complete", "job " + job.jid() + " cannot move from queue '" + job.queue()
				+ "' (shard '" + from.name() + "') to queue '" + next + "' (shard '" + to.name()
				+ "'): jobs move only between queues of one shard");
	}

}
