package io.qless.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link QlessShards} and {@link QlessShard}: the key scheme and queue routing.
 */
class QlessShardsTests {

	@Test
	void singleRedisWithoutShardsHasOnlyThePlainDefaultShard() {
		QlessShards shards = QlessShards.of(false, Map.of());
		assertThat(shards.isSharded()).isFalse();
		assertThat(shards.all()).containsExactly(QlessShard.plain());
		assertThat(shards.shardOf("anything").keyPrefix()).isEqualTo("ql:");
		assertThat(shards.shardOf("anything").key()).as("called with no key, exactly as before").isNull();
		assertThat(QlessShards.single().all()).containsExactly(QlessShard.plain());
	}

	@Test
	void namedShardsAreHashTagged() {
		QlessShards shards = QlessShards.of(false, Map.of("orders", List.of("orders-*")));
		QlessShard orders = shards.get("orders");
		assertThat(orders).isNotNull();
		assertThat(orders.keyPrefix()).isEqualTo("ql:{orders}:");
		assertThat(orders.key()).isEqualTo("ql:{orders}:");
		assertThat(orders.key("j:abc")).isEqualTo("ql:{orders}:j:abc");
		assertThat(shards.defaultShard().key()).as("the default shard keeps plain keys on a single Redis").isNull();
	}

	@Test
	void onAClusterTheDefaultShardIsHashTaggedToo() {
		QlessShards shards = QlessShards.of(true, Map.of());
		assertThat(shards.isSharded()).isFalse();
		assertThat(shards.defaultShard().name()).isEqualTo("default");
		assertThat(shards.defaultShard().key()).isEqualTo("ql:{default}:");
		assertThat(shards.shardOf("q").key()).isEqualTo("ql:{default}:");
	}

	@Test
	void queuesRouteByExactNameThenFirstMatchingPatternThenDefault() {
		Map<String, List<String>> declared = new LinkedHashMap<>();
		declared.put("orders", List.of("orders-*", "billing"));
		declared.put("eu", List.of("*-eu", "orders-special"));
		QlessShards shards = QlessShards.of(false, declared);
		assertThat(shards.all()).extracting(QlessShard::name).containsExactly("default", "orders", "eu");
		assertThat(shards.shardOf("billing").name()).isEqualTo("orders");
		assertThat(shards.shardOf("orders-1").name()).isEqualTo("orders");
		assertThat(shards.shardOf("orders-eu").name()).as("first matching pattern in declaration order")
			.isEqualTo("orders");
		assertThat(shards.shardOf("orders-special").name()).as("an exact name beats a pattern").isEqualTo("eu");
		assertThat(shards.shardOf("mail-eu").name()).isEqualTo("eu");
		assertThat(shards.shardOf("billing-2").name()).isEqualTo("default");
		assertThat(shards.shardOf("orders").name()).as("'orders-*' needs the dash").isEqualTo("default");
	}

	@Test
	void questionMarkMatchesOneCharacterAndRegexCharactersAreLiteral() {
		QlessShards shards = QlessShards.of(false, Map.of("s", List.of("q?.x", "a+b")));
		assertThat(shards.shardOf("q1.x").name()).isEqualTo("s");
		assertThat(shards.shardOf("q12.x").name()).isEqualTo("default");
		assertThat(shards.shardOf("q1zx").name()).isEqualTo("default");
		assertThat(shards.shardOf("a+b").name()).isEqualTo("s");
		assertThat(shards.shardOf("aab").name()).isEqualTo("default");
	}

	@Test
	void aQueueListedByTwoShardsIsRefused() {
		Map<String, List<String>> declared = new LinkedHashMap<>();
		declared.put("a", List.of("billing"));
		declared.put("b", List.of("billing"));
		assertThatIllegalArgumentException().isThrownBy(() -> QlessShards.of(false, declared))
			.withMessage("Queue 'billing' is listed by shards 'a' and 'b'");
		Map<String, List<String>> patterns = new LinkedHashMap<>();
		patterns.put("a", List.of("orders-*"));
		patterns.put("b", List.of("orders-*"));
		assertThatIllegalArgumentException().isThrownBy(() -> QlessShards.of(false, patterns))
			.withMessage("Queue pattern 'orders-*' is listed by shards 'a' and 'b'");
	}

	@Test
	void theDefaultNameAndNamesThatBreakTheHashTagAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> QlessShards.of(false, Map.of("default", List.of("q"))))
			.withMessageContaining("give the shard another name");
		assertThatIllegalArgumentException().isThrownBy(() -> QlessShards.of(false, Map.of("a}b", List.of("q"))))
			.withMessageContaining("letters, digits");
		assertThatIllegalArgumentException().isThrownBy(() -> QlessShards.of(false, Map.of("empty", List.of())))
			.withMessage("Shard 'empty' lists no queues");
	}

}
