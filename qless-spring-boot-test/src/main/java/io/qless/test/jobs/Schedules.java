package io.qless.test.jobs;

import java.time.Instant;
import java.util.Collection;
import java.util.Set;

import io.qless.core.QlessShards;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;

/**
 * When scheduled jobs fall due and recurring jobs are next spawned, read from each queue's
 * sorted sets ({@code ql:q:<queue>-scheduled} and {@code ql:q:<queue>-recur}, scored by
 * the time a pop releases the job or spawns the next one), and the {@code ql:ready}
 * announcement that makes idle containers pop at once, each in the key space of the
 * queue's shard ({@code ql:} stands for the shard's prefix).
 */
final class Schedules {

	private final StringRedisTemplate redis;

	private final QlessShards shards;

	Schedules(StringRedisTemplate redis, QlessShards shards) {
		this.redis = redis;
		this.shards = shards;
	}

	/**
	 * Return when the first scheduled job of {@code queue} falls due.
	 * @return the time, or {@code null} if none is scheduled
	 */
	@Nullable Instant earliest(String queue) {
		return first(key(queue));
	}

	/**
	 * Return when the next job of a recurring job of {@code queue} is spawned.
	 * @return the time, or {@code null} if the queue has no recurring job
	 */
	@Nullable Instant nextRecurrence(String queue) {
		return first(this.shards.shardOf(queue).key("q:" + queue + "-recur"));
	}

	private @Nullable Instant first(String key) {
		Set<TypedTuple<String>> first = this.redis.opsForZSet().rangeWithScores(key, 0, 0);
		if (first == null || first.isEmpty()) {
			return null;
		}
		Double score = first.iterator().next().getScore();
		return (score != null) ? instant(score) : null;
	}

	/**
	 * Return when a scheduled job falls due.
	 * @return the time, or {@code null} if it is not scheduled in {@code queue}
	 */
	@Nullable Instant dueAt(String queue, String jid) {
		Double score = this.redis.opsForZSet().score(key(queue), jid);
		return (score != null) ? instant(score) : null;
	}

	/**
	 * Announce work in each queue, so that their idle containers pop now rather than at
	 * their next poll.
	 */
	void wakeUp(Collection<String> queues) {
		for (String queue : queues) {
			this.redis.convertAndSend(this.shards.shardOf(queue).key("ready"), queue);
		}
	}

	private String key(String queue) {
		return this.shards.shardOf(queue).key("q:" + queue + "-scheduled");
	}

	// qless scores in seconds; a pop releases the job once now >= score, and now has
	// millisecond precision: round up.
	private static Instant instant(double seconds) {
		return Instant.ofEpochMilli((long) Math.ceil(seconds * 1000));
	}

}
