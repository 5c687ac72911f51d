package io.qless.core;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.zset.Tuple;

/**
 * Paged reads of the qless keys that the script only lists whole (or not at all): the
 * queue registry {@code ql:queues}, a queue's work set {@code ql:q:<queue>-work}, the worker
 * registry {@code ql:workers} and a queue's recurring schedule {@code ql:q:<queue>-recur}, in
 * the key space of one shard ({@code ql:} stands for the shard's prefix).
 * Plain sorted-set reads, the same in both dialects; nothing here writes.
 */
final class KeyReads {

	private final RedisConnectionFactory connectionFactory;

	private final String prefix;

	KeyReads(RedisConnectionFactory connectionFactory) {
		this(connectionFactory, QlessShard.PLAIN_PREFIX);
	}

	private KeyReads(RedisConnectionFactory connectionFactory, String prefix) {
		this.connectionFactory = connectionFactory;
		this.prefix = prefix;
	}

	/** The same reads in the key space of a shard. */
	KeyReads forShard(QlessShard shard) {
		return shard.keyPrefix().equals(this.prefix) ? this : new KeyReads(this.connectionFactory, shard.keyPrefix());
	}

	/** The size of {@code ql:queues} and the names at {@code offset}, oldest first. */
	NamePage queueNames(int offset, int count) {
		return read((connection) -> {
			byte[] key = bytes(this.prefix + "queues");
			Long total = connection.zSetCommands().zCard(key);
			Set<byte[]> names = connection.zSetCommands().zRange(key, offset, offset + count - 1L);
			return new NamePage((total != null) ? total : 0, strings(names));
		});
	}

	/** The jids of a queue's work set in pop order (highest priority, then oldest). */
	List<String> waiting(String queue, int offset, int count) {
		return read((connection) -> strings(
				connection.zSetCommands().zRevRange(bytes(this.prefix + "q:" + queue + "-work"), offset, offset + count - 1L)));
	}

	/** Workers seen since {@code since}, most recently seen first, with their job counts at {@code now}. */
	WorkerPage workers(Instant since, Instant now, int offset, int count) {
		double from = seconds(since);
		double at = seconds(now);
		return read((connection) -> {
			byte[] key = bytes(this.prefix + "workers");
			Long total = connection.zSetCommands().zCount(key, Range.closed(from, Double.POSITIVE_INFINITY));
			Set<Tuple> seen = connection.zSetCommands()
				.zRevRangeByScoreWithScores(key, Range.closed(from, Double.POSITIVE_INFINITY),
						Limit.limit().offset(offset).count(count));
			List<WorkerActivity> workers = new ArrayList<>();
			if (seen != null) {
				for (Tuple tuple : seen) {
					String name = string(tuple.getValue());
					byte[] jobs = bytes(this.prefix + "w:" + name + ":jobs");
					Long held = connection.zSetCommands().zCount(jobs, Range.closed(at, at + 8640000));
					Long stalled = connection.zSetCommands().zCount(jobs, Range.closed(0.0, at));
					workers.add(new WorkerActivity(name, (held != null) ? held : 0, (stalled != null) ? stalled : 0,
							Instant.ofEpochMilli(Math.round(tuple.getScore() * 1000))));
				}
			}
			return new WorkerPage((total != null) ? total : 0, List.copyOf(workers));
		});
	}

	/** When a recurring template spawns next: its score in the queue's recurring schedule. */
	@Nullable Instant nextRun(String queue, String jid) {
		return read((connection) -> {
			Double score = connection.zSetCommands().zScore(bytes(this.prefix + "q:" + queue + "-recur"), bytes(jid));
			return (score != null) ? Instant.ofEpochMilli(Math.round(score * 1000)) : null;
		});
	}

	private <T> T read(Function<RedisConnection, T> reader) {
		RedisConnection connection = this.connectionFactory.getConnection();
		try {
			return reader.apply(connection);
		}
		catch (RuntimeException ex) {
			throw QlessErrors.translate("read", ex);
		}
		finally {
			connection.close();
		}
	}

	private static double seconds(Instant instant) {
		return instant.toEpochMilli() / 1000.0;
	}

	private static byte[] bytes(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

	private static String string(byte[] value) {
		return new String(value, StandardCharsets.UTF_8);
	}

	private static List<String> strings(@Nullable Set<byte[]> values) {
		if (values == null) {
			return List.of();
		}
		List<String> strings = new ArrayList<>(values.size());
		for (byte[] value : values) {
			strings.add(string(value));
		}
		return List.copyOf(strings);
	}

	record NamePage(long total, List<String> names) {

	}

}
