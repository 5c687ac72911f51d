package io.qless.scripts.reqless;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unique jobs in the reqless dialect: the same put options on {@code queue.put} and
 * {@code job.requeue}, and the key shared with the qless dialect.
 */
class ReqlessUniqueTests extends ReqlessTestSupport {

	private String holder() {
		return this.reqless.redis().get("ql:u:order-1");
	}

	@Test
	void aPutWithoutUniqueIsUnchanged() {
		this.reqless.put(0, "q", "jid");
		assertThat(this.reqless.redis().hkeys("ql:j:jid")).doesNotContain("unique", "unique-mode");
		assertThat(this.reqless.redis().keys("ql:u:*")).isEmpty();
		assertThat(this.reqless.job("jid").has("unique")).isFalse();
	}

	@Test
	void aDuplicateReturnsTheHolderAndChangesNothing() {
		assertThat(this.reqless.put(0, "q", "a", "unique", "order-1", "throttles", "[\"t\"]")).isEqualTo("a");
		assertThat(this.reqless.put(1, "q", "b", "unique", "order-1")).isEqualTo("a");
		assertThat(this.reqless.job("b")).isNull();
		assertThat(this.reqless.job("a").get("history")).hasSize(1);
		assertThat(this.reqless.call("job.requeue", 2, "worker", "q", "a", "klass", "{}", 0, "unique", "order-1"))
			.isEqualTo("a");
		assertThat(holder()).isEqualTo("a");
	}

	@Test
	void completeFailAndCancelFreeTheKey() {
		this.reqless.put(0, "q", "a", "unique", "order-1");
		this.reqless.popJids(1, "q", "w", 1);
		assertThat(this.reqless.put(1, "q", "b", "unique", "order-1")).isEqualTo("a");
		this.reqless.complete(2, "a", "w", "q");
		assertThat(holder()).isNull();
		this.reqless.put(3, "q", "b", "unique", "order-1");
		this.reqless.popJids(4, "q", "w", 1);
		this.reqless.call("job.fail", 5, "b", "w", "g", "m");
		assertThat(holder()).isNull();
		this.reqless.put(6, "q", "c", "unique", "order-1");
		this.reqless.call("job.cancel", 7, "c");
		assertThat(holder()).isNull();
	}

	@Test
	void startModeFreesTheKeyWhenPopped() {
		this.reqless.put(0, "q", "a", "unique", "order-1", "unique-mode", "start");
		assertThat(this.reqless.popJids(1, "q", "w", 1)).containsExactly("a");
		assertThat(holder()).isNull();
		assertThat(this.reqless.put(2, "q", "b", "unique", "order-1")).isEqualTo("b");
	}

	@Test
	void debounceRePutsTheHolderWithReqlessHistory() {
		this.reqless.call("queue.put", 0, "worker", "q", "a", "klass", "{\"n\":1}", 10, "unique", "order-1",
				"unique-mode", "debounce");
		assertThat(this.reqless.call("queue.put", 5, "worker", "q", "b", "klass", "{\"n\":2}", 10, "unique",
				"order-1", "unique-mode", "debounce"))
			.isEqualTo("a");
		JsonNode a = this.reqless.job("a");
		assertThat(a.get("data").asString()).isEqualTo("{\"n\":2}");
		assertThat(a.get("history").get(1)).isEqualTo(json("{\"when\":5,\"what\":\"put\",\"queue\":\"q\"}"));
		assertThat(this.reqless.popJids(10, "q", "w", 1)).isEmpty();
		assertThat(this.reqless.popJids(15, "q", "w", 1)).containsExactly("a");
		assertThat(holder()).isNull();
	}

	@Test
	void theKeyIsSharedWithTheQlessDialect() {
		this.reqless.qless("put", 0, "worker", "q", "a", "klass", "{}", 0, "unique", "order-1");
		assertThat(this.reqless.put(1, "q", "b", "unique", "order-1")).isEqualTo("a");
		this.reqless.popJids(2, "q", "w", 1);
		assertThat(this.reqless.qless("complete", 3, "a", "w", "q", "{}")).isEqualTo("complete");
		assertThat(this.reqless.put(4, "q", "b", "unique", "order-1")).isEqualTo("b");
		assertThat(this.reqless.qless("put", 5, "worker", "q", "c", "klass", "{}", 0, "unique", "order-1"))
			.isEqualTo("b");
	}

	@Test
	void theKeyOfACompletedHolderIsTakenOver() {
		this.reqless.put(0, "q", "a", "unique", "order-1");
		this.reqless.redis().hset("ql:j:a", "state", "complete");
		assertThat(this.reqless.put(1, "q", "b", "unique", "order-1")).isEqualTo("b");
	}

}
