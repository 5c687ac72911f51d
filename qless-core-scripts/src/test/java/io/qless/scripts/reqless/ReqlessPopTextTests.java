package io.qless.scripts.reqless;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code queue.pop} writes its job objects as text: each must read exactly as
 * {@code job.get} shows the same job right after the pop, as the qless dialect's do.
 */
class ReqlessPopTextTests extends ReqlessTestSupport {

	private void assertPopReadsAsGet(long now, String queue, String jid) {
		JsonNode popped = this.reqless.pop(now, queue, "worker", 1);
		assertThat(popped).hasSize(1);
		assertThat(popped.get(0)).isEqualTo(this.reqless.job(jid));
	}

	@Test
	void aPlainJobWithThrottlesAndTags() {
		this.reqless.call("throttle.set", 0, "tid", 3);
		this.reqless.put(0, "queue", "jid", "tags", "[\"a\",\"b\"]", "throttles", "[\"tid\"]", "priority", 7);
		assertPopReadsAsGet(10, "queue", "jid");
	}

	@Test
	void aJobPutByTheQlessDialectWithAMixedHistory() {
		this.reqless.qless("put", 0, "worker", "queue", "jid", "klass", "{\"k\":\"v\"}", 0);
		this.reqless.redis().rpush("ql:j:jid-history", "[1,\"put\",{\"q\":\"queue\"}]",
				"[2,\"failed-retries\",{\"group\":\"g\"}]", "[3,\"popped\",{\"worker\":\"w\"}]", "[4,\"done\"]");
		assertPopReadsAsGet(10, "queue", "jid");
	}

	@Test
	void severalJobsAndNone() {
		for (int i = 0; i < 3; i++) {
			this.reqless.put(i, "queue", "jid-" + i);
		}
		JsonNode popped = this.reqless.pop(10, "queue", "worker", 5);
		assertThat(popped).hasSize(3);
		for (JsonNode job : popped) {
			assertThat(job).isEqualTo(this.reqless.job(job.get("jid").asString()));
		}
		assertThat(this.reqless.pop(11, "queue", "worker", 5)).isEmpty();
	}

}
