package io.qless.scripts;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code queues}. */
class QueuesTests extends ScriptTestSupport {

	private static String counts(String name, int waiting, int stalled, int running, int scheduled, int depends,
			int recurring, boolean paused) {
		return """
				{"name": "%s", "waiting": %d, "stalled": %d, "running": %d, "scheduled": %d, "depends": %d,
				 "recurring": %d, "paused": %b}""".formatted(name, waiting, stalled, running, scheduled, depends,
				recurring, paused);
	}

	@Test
	void noQueuesIsAnEmptyObject() {
		assertThat(this.qless.call("queues", 0)).isEqualTo("{}");
	}

	@Test
	void unknownQueueIsAllZerosAndNotRegistered() {
		assertThat(this.qless.json("queues", 0, "queue")).isEqualTo(json(counts("queue", 0, 0, 0, 0, 0, 0, false)));
		assertThat(this.qless.redis().exists("ql:queues")).isZero();
	}

	@Test
	void waiting() {
		this.qless.put(0, "queue", "jid");
		assertThat(this.qless.json("queues", 0, "queue")).isEqualTo(json(counts("queue", 1, 0, 0, 0, 0, 0, false)));
		assertThat(this.qless.json("queues", 0)).isEqualTo(json("[" + counts("queue", 1, 0, 0, 0, 0, 0, false) + "]"));
	}

	@Test
	void runningAndStalled() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b");
		this.qless.pop(0, "queue", "worker", 1);
		this.qless.pop(10, "queue", "worker", 1);
		assertThat(this.qless.json("queues", 5, "queue")).isEqualTo(json(counts("queue", 0, 0, 2, 0, 0, 0, false)));
		assertThat(this.qless.json("queues", 65, "queue")).isEqualTo(json(counts("queue", 0, 1, 1, 0, 0, 0, false)));
	}

	@Test
	void negativeLockExpiryCountsAsRunning() {
		this.qless.config("heartbeat", -10);
		this.qless.put(0, "queue", "jid");
		this.qless.pop(0, "queue", "worker", 1);
		assertThat(this.qless.json("queues", 0, "queue")).isEqualTo(json(counts("queue", 0, 0, 1, 0, 0, 0, false)));
		assertThat(this.qless.call("jobs", 0, "stalled", "queue")).isEqualTo(List.of("jid"));
		assertThat(this.qless.json("workers", 0, "worker")).isEqualTo(json("{\"jobs\": {}, \"stalled\": {}}"));
	}

	@Test
	void dependsCountsTheDependentOnly() {
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "b", "depends", "[\"a\"]");
		assertThat(this.qless.json("queues", 0, "queue")).isEqualTo(json(counts("queue", 1, 0, 0, 0, 1, 0, false)));
	}

	@Test
	void scheduledUntilDue() {
		this.qless.putBy(0, "worker", "queue", "jid", 10);
		assertThat(this.qless.json("queues", 5, "queue")).isEqualTo(json(counts("queue", 0, 0, 0, 1, 0, 0, false)));
		assertThat(this.qless.json("queues", 10, "queue")).isEqualTo(json(counts("queue", 1, 0, 0, 0, 0, 0, false)));
		assertThat(this.qless.state("jid")).isEqualTo("waiting");
	}

	@Test
	void recurringIncludingFutureOffsets() {
		this.qless.call("recur", 0, "queue", "r", "klass", "{}", "interval", 60, 0);
		this.qless.call("recur", 0, "queue", "later", "klass", "{}", "interval", 60, 30);
		assertThat(this.qless.json("queues", 0, "queue")).isEqualTo(json(counts("queue", 0, 0, 0, 0, 0, 2, false)));
	}

	@Test
	void paused() {
		this.qless.put(0, "queue", "jid");
		this.qless.call("pause", 0, "queue");
		assertThat(this.qless.json("queues", 0, "queue")).isEqualTo(json(counts("queue", 1, 0, 0, 0, 0, 0, true)));
		assertThat(this.qless.call("pop", 0, "queue", "worker", 1)).isEqualTo("{}");
		this.qless.call("unpause", 0, "queue");
		assertThat(this.qless.json("queues", 0, "queue")).isEqualTo(json(counts("queue", 1, 0, 0, 0, 0, 0, false)));
	}

	@Test
	void queuesAreListedInFirstSeenOrderWithTiesByName() {
		this.qless.put(5, "zzz", "a");
		this.qless.put(1, "yyy", "b");
		this.qless.put(1, "xxx", "c");
		assertThat(this.qless.json("queues", 6).findValues("name")).extracting(JsonNode::asString)
			.containsExactly("xxx", "yyy", "zzz");
	}

	@Test
	void advanceRegistersTheNewQueue() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(0, "queue", "worker");
		this.qless.complete(0, "jid", "worker", "queue", "next", "another");
		assertThat(this.qless.json("queues", 0)).isEqualTo(json("[" + counts("another", 1, 0, 0, 0, 0, 0, false) + ","
				+ counts("queue", 0, 0, 0, 0, 0, 0, false) + "]"));
	}

	@Test
	void recurUpdateQueueRegistersTheQueue() {
		this.qless.call("recur", 0, "queue", "r", "klass", "{}", "interval", 60, 0);
		this.qless.call("recur.update", 1, "r", "queue", "other");
		assertThat(this.qless.zscore("ql:queues", "other")).isEqualTo(1.0);
		assertThat(this.qless.json("queues", 1, "other")).isEqualTo(json(counts("other", 0, 0, 0, 0, 0, 1, false)));
	}

}
