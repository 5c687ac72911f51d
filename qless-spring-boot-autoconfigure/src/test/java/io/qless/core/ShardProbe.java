package io.qless.core;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Whether the qless script on a Redis takes its key prefix from {@code KEYS[1]}: a script
 * from before shards refuses any key ("No Keys should be provided"). Tests of shards that
 * need the script's part skip themselves where it does not.
 */
public final class ShardProbe {

	private ShardProbe() {
	}

	/**
	 * Ask the script for the length of a queue of a hash-tagged shard; nothing is written.
	 * @param connectionFactory the connection factory
	 * @return whether the script took the key
	 */
	public static boolean scriptTakesKeyPrefix(RedisConnectionFactory connectionFactory) {
		QlessTemplate template = new QlessTemplate(connectionFactory, JsonMapper.builder().build());
		template.setShards(QlessShards.of(false, Map.of("probe", List.of("probe"))));
		try {
			template.queue("probe").length();
			return true;
		}
		catch (QlessArgumentException ex) {
			return false;
		}
	}

}
