package io.qless.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ShardRouter}'s reading of throttle ids.
 */
class ShardRouterTests {

	@Test
	void aQueueThrottleIdNamesItsQueueWithOrWithoutAShardPrefix() {
		assertThat(ShardRouter.throttledQueue("ql:q:orders-eu")).isEqualTo("orders-eu");
		assertThat(ShardRouter.throttledQueue("ql:{orders}:q:orders-eu")).isEqualTo("orders-eu");
		assertThat(ShardRouter.throttledQueue("api")).isNull();
		assertThat(ShardRouter.throttledQueue("ql:{orders}:api")).isNull();
	}

}
