package io.qless.test;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link TestRedisCluster}: a real three-master cluster.
 */
class TestRedisClusterTests {

	private static TestRedisCluster cluster;

	@BeforeAll
	static void start() {
		assumeTrue(TestRedisCluster.isAvailable(), "redis-server and redis-cli are not on the PATH");
		cluster = TestRedisCluster.start(3);
	}

	@AfterAll
	static void stop() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void threeMastersShareTheSlots() {
		assertThat(cluster.size()).isEqualTo(3);
		assertThat(cluster.nodes()).matches("127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+");
		assertThat(cluster.slot("{a}")).isEqualTo(15495);
		assertThat(cluster.nodeOfSlot(0)).isEqualTo(0);
		assertThat(cluster.nodeOfSlot(8000)).isEqualTo(1);
		assertThat(cluster.nodeOfSlot(16383)).isEqualTo(2);
		assertThat(cluster.info(0, "cpu")).contains("used_cpu_user:");
	}

	@Test
	void aMigratedSlotTakesItsKeysAlongAndTheOldOwnerAnswersMoved() {
		int slot = cluster.slot("{moving}");
		int source = cluster.nodeOfSlot(slot);
		int target = (source + 1) % 3;
		cluster.call(source, "SET", "{moving}:k", "v");
		cluster.migrateSlot(slot, target);
		assertThat(cluster.nodeOfSlot(slot)).isEqualTo(target);
		assertThat(cluster.call(target, "GET", "{moving}:k")).isEqualTo("v");
		try {
			cluster.call(source, "GET", "{moving}:k");
			throw new AssertionError("expected MOVED");
		}
		catch (IllegalStateException ex) {
			assertThat(ex).hasMessageStartingWith("MOVED " + slot + " 127.0.0.1:" + cluster.port(target));
		}
	}

	@Test
	void aRestartedNodeComesBackWithItsSlotsAndData() {
		int node = cluster.nodeOf("{restart}");
		cluster.call(node, "SET", "{restart}:k", "kept");
		cluster.restartNode(node);
		assertThat(cluster.nodeOf("{restart}")).isEqualTo(node);
		assertThat(cluster.call(node, "GET", "{restart}:k")).isEqualTo("kept");
		assertThat((List<?>) cluster.call(node, "CLUSTER", "SHARDS")).isNotEmpty();
	}

}
