package io.qless.scripts;

import java.util.function.Consumer;
import java.util.stream.Stream;

import io.qless.scripts.EventRecorder.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code grace} flag belongs to one lease (a deliberate change from the reference, where
 * it outlived the lease): a courtesy {@code lock_lost} is sent once per lease, and a renewed
 * or new lease gets its own courtesy before it is reclaimed.
 */
class GraceTests extends ScriptTestSupport {

	private static final String LOCK_LOST = "{\"jid\":\"jid\",\"event\":\"lock_lost\",\"worker\":\"%s\"}";

	/** Put into {@code queue} and popped by {@code worker} at 0 (lease until 60), then warned at 61. */
	private void warned(String queue, String worker) {
		this.qless.put(0, queue, "jid");
		this.qless.popOne(0, queue, worker);
		assertThat(this.qless.call("pop", 61, queue, "other", 1)).isEqualTo("{}");
		assertThat(this.qless.redis().hget("ql:j:jid", "grace")).isEqualTo("1");
	}

	/** The courtesy stage of an expired lease: nothing handed out, lock_lost sent, lease extended. */
	private void assertCourtesy(long now, String queue, String worker) {
		try (EventRecorder events = new EventRecorder(this.qless)) {
			assertThat(this.qless.call("pop", now, queue, "other", 1)).isEqualTo("{}");
			assertThat(events.drain()).containsExactly(new Event("ql:w:" + worker, LOCK_LOST.formatted(worker)),
					new Event("ql:log", LOCK_LOST.formatted(worker)));
		}
		JsonNode job = this.qless.job("jid");
		assertThat(job.get("state").asString()).isEqualTo("running");
		assertThat(job.get("worker").asString()).isEqualTo(worker);
		assertThat(job.get("remaining").asInt()).isEqualTo(5);
		assertThat(this.qless.redis().hget("ql:j:jid", "grace")).isEqualTo("1");
		assertThat(this.qless.zscore("ql:q:" + queue + "-locks", "jid")).isEqualTo(now + 10.0);
	}

	@Test
	void renewedLeaseGetsItsOwnCourtesy() {
		warned("queue", "worker");
		assertThat(this.qless.call("heartbeat", 65, "jid", "worker")).isEqualTo(125L);
		assertThat(this.qless.redis().hexists("ql:j:jid", "grace")).isFalse();
		assertCourtesy(126, "queue", "worker");
		JsonNode reclaimed = this.qless.popOne(136, "queue", "other");
		assertThat(reclaimed.get("jid").asString()).isEqualTo("jid");
		assertThat(reclaimed.get("remaining").asInt()).isEqualTo(4);
		assertThat(this.qless.redis().hget("ql:s:stats:0:queue", "retries")).isEqualTo("2");
	}

	@Test
	void leaseInTheNextQueueGetsItsOwnCourtesy() {
		warned("first", "worker");
		assertThat(this.qless.complete(65, "jid", "worker", "first", "next", "second")).isEqualTo("waiting");
		assertThat(this.qless.redis().hexists("ql:j:jid", "grace")).isFalse();
		this.qless.popOne(66, "second", "next-worker");
		assertCourtesy(127, "second", "next-worker");
	}

	@Test
	void popClearsALeftoverFlag() {
		this.qless.put(0, "queue", "jid");
		this.qless.redis().hset("ql:j:jid", "grace", "1");
		this.qless.popOne(1, "queue", "worker");
		assertThat(this.qless.redis().hexists("ql:j:jid", "grace")).isFalse();
	}

	static Stream<Arguments> waysOutOfTheLease() {
		return Stream.of(Arguments.of("heartbeat", (Consumer<QlessScript>) (q) -> q.call("heartbeat", 65, "jid", "worker")),
				Arguments.of("complete", (Consumer<QlessScript>) (q) -> q.complete(65, "jid", "worker", "queue")),
				Arguments.of("complete next", (Consumer<QlessScript>) (q) -> q.complete(65, "jid", "worker", "queue", "next", "n")),
				Arguments.of("fail", (Consumer<QlessScript>) (q) -> q.fail(65, "jid", "worker", "group", "message")),
				Arguments.of("retry", (Consumer<QlessScript>) (q) -> q.call("retry", 65, "jid", "queue", "worker", 0)),
				Arguments.of("timeout", (Consumer<QlessScript>) (q) -> q.call("timeout", 65, "jid")),
				Arguments.of("put", (Consumer<QlessScript>) (q) -> q.putBy(65, "worker", "queue", "jid", 0)),
				Arguments.of("put elsewhere", (Consumer<QlessScript>) (q) -> q.putBy(65, "admin", "other", "jid", 0)),
				Arguments.of("requeue", (Consumer<QlessScript>) (q) -> q.call("requeue", 65, "worker", "queue", "jid", "klass", "{}", 0)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("waysOutOfTheLease")
	void everyRenewalOrEndOfTheLeaseClearsTheFlag(String name, Consumer<QlessScript> action) {
		warned("queue", "worker");
		action.accept(this.qless);
		assertThat(this.qless.redis().hexists("ql:j:jid", "grace")).isFalse();
	}

}
