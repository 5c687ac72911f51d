package io.qless.scripts.reqless;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pub/sub through the reqless dialect: the qless channels and payloads, byte for byte
 * (cjson writes object keys in its hash order, the same for both dialects).
 */
class ReqlessEventsTests extends ReqlessTestSupport {

	private StatefulRedisPubSubConnection<String, String> pubsub;

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	@BeforeEach
	void subscribe() {
		this.pubsub = this.reqless.client().connectPubSub();
		this.pubsub.addListener(new RedisPubSubAdapter<>() {

			@Override
			public void message(String pattern, String channel, String message) {
				ReqlessEventsTests.this.received.add(channel + " " + message);
			}

		});
		this.pubsub.sync().psubscribe("*");
	}

	@AfterEach
	void unsubscribe() {
		this.pubsub.close();
	}

	private List<String> drain() throws InterruptedException {
		String marker = UUID.randomUUID().toString();
		this.reqless.redis().publish("marker", marker);
		List<String> events = new ArrayList<>();
		while (true) {
			String event = this.received.poll(10, TimeUnit.SECONDS);
			assertThat(event).as("marker arrives").isNotNull();
			if (event.equals("marker " + marker)) {
				return events;
			}
			events.add(event);
		}
	}

	@Test
	void trackedLifecycle() throws InterruptedException {
		this.reqless.put(0, "q", "jid");
		drain();
		this.reqless.call("job.track", 0, "jid");
		this.reqless.put(1, "q", "jid");
		this.reqless.popJids(2, "q", "w", 1);
		this.reqless.call("job.completeAndRequeue", 3, "jid", "w", "q", "{}", "next");
		this.reqless.popJids(4, "next", "w", 1);
		this.reqless.call("job.fail", 5, "jid", "w", "g", "m");
		this.reqless.call("job.cancel", 6, "jid");
		assertThat(drain()).containsExactly("ql:track jid",
				"ql:log {\"jid\":\"jid\",\"event\":\"put\",\"queue\":\"q\"}", "ql:put jid",
				"ql:popped jid",
				"ql:completed jid", "ql:log {\"jid\":\"jid\",\"to\":\"next\",\"event\":\"advanced\",\"queue\":\"q\"}",
				"ql:popped jid",
				"ql:log {\"message\":\"m\",\"jid\":\"jid\",\"group\":\"g\",\"event\":\"failed\",\"worker\":\"w\"}",
				"ql:failed jid",
				"ql:log {\"jid\":\"jid\",\"queue\":\"next\",\"event\":\"canceled\",\"worker\":\"\"}", "ql:canceled jid");
	}

	@Test
	void timeoutAndConfig() throws InterruptedException {
		this.reqless.put(0, "q", "jid");
		this.reqless.popJids(0, "q", "w", 1);
		drain();
		this.reqless.call("job.timeout", 1, "jid");
		this.reqless.call("config.set", 1, "heartbeat", 5);
		assertThat(drain()).containsExactly("ql:w:w {\"jid\":\"jid\",\"event\":\"lock_lost\",\"worker\":\"w\"}",
				"ql:log {\"jid\":\"jid\",\"event\":\"lock_lost\",\"worker\":\"w\"}",
				"ql:log {\"option\":\"heartbeat\",\"event\":\"config_set\",\"value\":\"5\"}");
	}

}
