package io.qless.scripts.reqless;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code grace} flag belongs to one lease in the reqless dialect too: a renewed or new
 * lease gets its own courtesy {@code lock_lost} before it is reclaimed.
 */
class ReqlessGraceTests extends ReqlessTestSupport {

	private static final String LOCK_LOST = "{\"jid\":\"jid\",\"event\":\"lock_lost\",\"worker\":\"%s\"}";

	private void warned(String queue, String worker) {
		this.reqless.put(0, queue, "jid");
		assertThat(this.reqless.popJids(0, queue, worker, 1)).containsExactly("jid");
		assertThat(this.reqless.call("queue.pop", 61, queue, "other", 1)).isEqualTo("[]");
		assertThat(this.reqless.redis().hget("ql:j:jid", "grace")).isEqualTo("1");
	}

	private void assertCourtesy(long now, String queue, String worker) {
		try (ChannelRecorder events = ChannelRecorder.pattern(this.reqless, "ql:*")) {
			assertThat(this.reqless.call("queue.pop", now, queue, "other", 1)).isEqualTo("[]");
			assertThat(events.drain()).containsExactly("ql:w:" + worker + " " + LOCK_LOST.formatted(worker),
					"ql:log " + LOCK_LOST.formatted(worker));
		}
		JsonNode job = this.reqless.job("jid");
		assertThat(job.get("state").asString()).isEqualTo("running");
		assertThat(job.get("worker").asString()).isEqualTo(worker);
		assertThat(job.get("remaining").asInt()).isEqualTo(5);
		assertThat(this.reqless.redis().hget("ql:j:jid", "grace")).isEqualTo("1");
		assertThat(this.reqless.redis().zscore("ql:q:" + queue + "-locks", "jid")).isEqualTo(now + 10.0);
	}

	@Test
	void renewedLeaseGetsItsOwnCourtesy() {
		warned("queue", "worker");
		assertThat(this.reqless.call("job.heartbeat", 65, "jid", "worker")).isEqualTo(125L);
		assertThat(this.reqless.redis().hexists("ql:j:jid", "grace")).isFalse();
		assertCourtesy(126, "queue", "worker");
		List<String> reclaimed = this.reqless.popJids(136, "queue", "other", 1);
		assertThat(reclaimed).containsExactly("jid");
		assertThat(this.reqless.job("jid").get("remaining").asInt()).isEqualTo(4);
	}

	@Test
	void leaseInTheNextQueueGetsItsOwnCourtesy() {
		warned("first", "worker");
		assertThat(this.reqless.call("job.completeAndRequeue", 65, "jid", "worker", "first", "{}", "second"))
			.isEqualTo("waiting");
		assertThat(this.reqless.redis().hexists("ql:j:jid", "grace")).isFalse();
		assertThat(this.reqless.popJids(66, "second", "next-worker", 1)).containsExactly("jid");
		assertCourtesy(127, "second", "next-worker");
	}

	@Test
	void popClearsALeftoverFlag() {
		this.reqless.put(0, "queue", "jid");
		this.reqless.redis().hset("ql:j:jid", "grace", "1");
		assertThat(this.reqless.popJids(1, "queue", "worker", 1)).containsExactly("jid");
		assertThat(this.reqless.redis().hexists("ql:j:jid", "grace")).isFalse();
	}

	static Stream<Arguments> waysOutOfTheLease() {
		return Stream.of(
				Arguments.of("job.heartbeat", (Consumer<ReqlessScript>) (r) -> r.call("job.heartbeat", 65, "jid", "worker")),
				Arguments.of("job.complete", (Consumer<ReqlessScript>) (r) -> r.complete(65, "jid", "worker", "queue")),
				Arguments.of("job.completeAndRequeue", (Consumer<ReqlessScript>) (r) -> r.call("job.completeAndRequeue", 65,
						"jid", "worker", "queue", "{}", "n")),
				Arguments.of("job.fail", (Consumer<ReqlessScript>) (r) -> r.call("job.fail", 65, "jid", "worker", "g", "m")),
				Arguments.of("job.retry", (Consumer<ReqlessScript>) (r) -> r.call("job.retry", 65, "jid", "queue", "worker", 0)),
				Arguments.of("job.timeout", (Consumer<ReqlessScript>) (r) -> r.call("job.timeout", 65, "jid")),
				Arguments.of("queue.put", (Consumer<ReqlessScript>) (r) -> r.put(65, "queue", "jid")),
				Arguments.of("job.requeue", (Consumer<ReqlessScript>) (r) -> r.call("job.requeue", 65, "worker", "other",
						"jid", "klass", "{}", 0)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("waysOutOfTheLease")
	void everyRenewalOrEndOfTheLeaseClearsTheFlag(String name, Consumer<ReqlessScript> action) {
		warned("queue", "worker");
		action.accept(this.reqless);
		assertThat(this.reqless.redis().hexists("ql:j:jid", "grace")).isFalse();
	}

}
