package io.qless.scripts.reqless;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code queue.putMany}, the reqless name of {@code put.many}. */
class ReqlessPutManyTests extends ReqlessTestSupport {

	@Test
	void putsEachJobAsQueuePutDoes() {
		JsonNode replies = this.reqless.json("queue.putMany", 10, "worker", "queue", 2, "a", "klass", "{}", 0, 2,
				"throttles", "[\"t\"]", "b", "klass", "{oops", 0, 0);
		assertThat(replies.get(0).asString()).isEqualTo("a");
		assertThat(this.reqless.error("queue.put", 10, "worker", "queue", "b", "klass", "{oops", 0))
			.contains(replies.get(1).get("error").asString());
		this.reqless.put(10, "queue", "single", "throttles", "[\"t\"]");
		JsonNode a = this.reqless.job("a");
		JsonNode single = this.reqless.job("single");
		assertThat(a.get("throttles")).isEqualTo(single.get("throttles"));
		assertThat(a.get("history")).isEqualTo(single.get("history"));
		assertThat(this.reqless.job("b")).isNull();
	}

}
