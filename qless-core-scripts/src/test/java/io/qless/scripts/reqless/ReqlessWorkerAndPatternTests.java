package io.qless.scripts.reqless;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code workers.counts}, {@code worker.*} and the queue-pattern storage. */
class ReqlessWorkerAndPatternTests extends ReqlessTestSupport {

	@Test
	void workerShapes() {
		assertThat(this.reqless.call("workers.counts", 0)).isEqualTo("[]");
		assertThat(this.reqless.call("worker.jobs", 0)).isEqualTo("{}");
		assertThat(this.reqless.json("worker.jobs", 0, "nobody")).isEqualTo(json("{\"jobs\":{},\"stalled\":{}}"));
		this.reqless.put(0, "q", "a");
		this.reqless.popJids(0, "q", "w", 1);
		assertThat(this.reqless.json("workers.counts", 0)).isEqualTo(json("[{\"name\":\"w\",\"jobs\":1,\"stalled\":0}]"));
		assertThat(this.reqless.json("worker.jobs", 0, "w")).isEqualTo(json("{\"jobs\":[\"a\"],\"stalled\":{}}"));
		assertThat(this.reqless.call("worker.forget", 0, "w")).isNull();
		assertThat(this.reqless.call("workers.counts", 0)).isEqualTo("[]");
		assertThat(this.reqless.error("worker.forget", 0)).contains("Wrong number of args");
	}

	@Test
	void heartbeatOnlyWorkersAgeOut() {
		this.reqless.call("config.set", 0, "max-worker-age", 3600);
		this.reqless.put(0, "q", "a");
		this.reqless.popJids(0, "q", "w", 1);
		this.reqless.call("job.heartbeat", 3000, "a", "w");
		assertThat(this.reqless.call("workers.counts", 4000)).isEqualTo("[]");
	}

	@Test
	void identifierPatterns() {
		assertThat(this.reqless.json("queueIdentifierPatterns.getAll", 0)).isEqualTo(json("{\"default\":\"[\\\"*\\\"]\"}"));
		this.reqless.redis().hset("qmore:dynamic", "legacy", "[\"l\"]");
		assertThat(this.reqless.json("queueIdentifierPatterns.getAll", 0).get("legacy").asString()).isEqualTo("[\"l\"]");
		assertThat(this.reqless.call("queueIdentifierPatterns.setAll", 0, "fr", "[\"un\", \"deux\"]", "empty", "[]",
				"obj", "{}")).isNull();
		assertThat(this.reqless.json("queueIdentifierPatterns.getAll", 0))
			.isEqualTo(json("{\"default\":\"[\\\"*\\\"]\",\"fr\":\"[\\\"un\\\", \\\"deux\\\"]\"}"));
		assertThat(this.reqless.redis().exists("qmore:dynamic")).isZero();
		this.reqless.call("queueIdentifierPatterns.setAll", 0, "default", "[\"a*\"]");
		assertThat(this.reqless.json("queueIdentifierPatterns.getAll", 0)).isEqualTo(json("{\"default\":\"[\\\"a*\\\"]\"}"));
		this.reqless.call("queueIdentifierPatterns.setAll", 0, "default", "[]");
		assertThat(this.reqless.json("queueIdentifierPatterns.getAll", 0)).isEqualTo(json("{\"default\":\"[\\\"*\\\"]\"}"));
		assertThat(this.reqless.error("queueIdentifierPatterns.setAll", 0, "odd"))
			.contains("Odd number of identifier patterns");
	}

	@Test
	void priorityPatterns() {
		String defaultText = "{\"fairly\": false, \"pattern\": [\"default\"]}";
		assertThat(this.reqless.strings("queuePriorityPatterns.getAll", 0)).containsExactly(defaultText);
		this.reqless.redis().rpush("qmore:priority", "{\"fairly\": true, \"pattern\": [\"legacy\"]}");
		assertThat(this.reqless.strings("queuePriorityPatterns.getAll", 0))
			.containsExactly("{\"fairly\": true, \"pattern\": [\"legacy\"]}");
		String one = "{\"fairly\": false, \"pattern\": [\"a\", \"!b\"]}";
		this.reqless.call("queuePriorityPatterns.setAll", 0, one);
		assertThat(this.reqless.strings("queuePriorityPatterns.getAll", 0)).containsExactly(one, defaultText);
		assertThat(this.reqless.redis().exists("qmore:priority")).isZero();
		String explicit = "{\"fairly\": true, \"pattern\": [\"default\"]}";
		this.reqless.call("queuePriorityPatterns.setAll", 0, explicit, one);
		assertThat(this.reqless.strings("queuePriorityPatterns.getAll", 0)).containsExactly(explicit, one);
		this.reqless.call("queuePriorityPatterns.setAll", 0);
		assertThat(this.reqless.strings("queuePriorityPatterns.getAll", 0)).containsExactly(defaultText);
		assertThat(this.reqless.error("queuePriorityPatterns.setAll", 0, "{\"fairly\": true}")).isNotEmpty();
	}

}
