package io.qless.endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.qless.core.QlessShards;
import io.qless.core.QlessTemplate;
import io.qless.core.QueueCounts;
import io.qless.core.ShardProbe;
import io.qless.endpoint.QlessEndpoint.Overview;
import io.qless.endpoint.QlessEndpoint.ShardView;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import io.qless.test.TestRedisConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests that the {@link QlessEndpoint} shows every shard: the overview gathers the queues of
 * all shards and lists each shard with its queues. Skipped while the script does not take
 * its key prefix from {@code KEYS[1]}.
 */
@QlessRedisTest
class QlessEndpointShardsTests {

	private LettuceConnectionFactory connectionFactory;

	private QlessTemplate qless;

	private QlessEndpoint endpoint;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.connectionFactory = TestRedisConnections.lettuce(redis);
		assumeTrue(ShardProbe.scriptTakesKeyPrefix(this.connectionFactory),
				"the script does not take its key prefix from KEYS[1] yet");
		this.qless = new QlessTemplate(this.connectionFactory, JsonMapper.builder().build());
		Map<String, List<String>> shards = new LinkedHashMap<>();
		shards.put("orders", List.of("orders-*"));
		shards.put("billing", List.of("billing"));
		this.qless.setShards(QlessShards.of(false, shards));
		this.endpoint = new QlessEndpoint(this.qless, List::of, null, Show.NEVER);
	}

	@AfterEach
	void tearDown() {
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
		}
	}

	@Test
	void theOverviewListsEveryShardWithItsQueues() {
		this.qless.queue("orders-eu").put("Order", null);
		this.qless.queue("orders-us").put("Order", null);
		this.qless.queue("billing").put("Invoice", null);
		this.qless.queue("mail").put("Mail", null);
		Overview overview = this.endpoint.overview();
		assertThat(overview.queues()).extracting(QueueCounts::name)
			.containsExactlyInAnyOrder("orders-eu", "orders-us", "billing", "mail");
		assertThat(overview.shards()).extracting(ShardView::name).containsExactly("default", "orders", "billing");
		assertThat(overview.shards()).extracting(ShardView::keyPrefix)
			.containsExactly("ql:", "ql:{orders}:", "ql:{billing}:");
		assertThat(overview.shards().get(1).patterns()).containsExactly("orders-*");
		assertThat(overview.shards().get(1).queues()).extracting(QueueCounts::name)
			.containsExactlyInAnyOrder("orders-eu", "orders-us");
		assertThat(overview.shards().get(0).queues()).extracting(QueueCounts::name).containsExactly("mail");
		assertThat(this.endpoint.section("shards")).isEqualTo(overview.shards());
	}

	@Test
	void withoutShardsTheOverviewHasNoShardList() {
		QlessTemplate plain = new QlessTemplate(this.connectionFactory, JsonMapper.builder().build());
		plain.queue("mail").put("Mail", null);
		assertThat(new QlessEndpoint(plain, List::of, null, Show.NEVER).overview().shards()).isNull();
	}

}
