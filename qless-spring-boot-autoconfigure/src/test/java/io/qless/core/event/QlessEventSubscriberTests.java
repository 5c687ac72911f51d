package io.qless.core.event;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.qless.core.PutRequest;
import io.qless.core.Job;
import io.qless.core.QlessTemplate;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import io.qless.test.TestRedisConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

@QlessRedisTest
class QlessEventSubscriberTests {

	private LettuceConnectionFactory connectionFactory;

	private RedisMessageListenerContainer container;

	private QlessEventSubscriber subscriber;

	private QlessTemplate qless;

	private final BlockingQueue<QlessEvent> events = new LinkedBlockingQueue<>();

	@BeforeEach
	void setUp(TestRedis redis) {
		this.connectionFactory = TestRedisConnections.lettuce(redis);
		JsonMapper mapper = JsonMapper.builder().build();
		this.qless = new QlessTemplate(this.connectionFactory, mapper, Clock.systemUTC());
		this.qless.setWorkerName("putter");
		this.container = new RedisMessageListenerContainer();
		this.container.setConnectionFactory(this.connectionFactory);
		this.container.afterPropertiesSet();
		this.subscriber = new QlessEventSubscriber(this.container, mapper);
	}

	@AfterEach
	void tearDown() throws Exception {
		this.container.stop();
		this.container.destroy();
		this.connectionFactory.destroy();
	}

	private List<QlessEvent> take(int count) throws InterruptedException {
		List<QlessEvent> received = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			QlessEvent event = this.events.poll(10, TimeUnit.SECONDS);
			assertThat(event).as("event %d of %d (got %s)", i + 1, count, received).isNotNull();
			received.add(event);
		}
		return received;
	}

	@Test
	void logAndTrackedEventsAreDeliveredTyped() throws Exception {
		this.subscriber.subscribe(this.events::add);
		this.container.start();
		this.qless.queue("q").put(PutRequest.of("K", Map.of()).jid("a"));
		assertThat(take(1)).containsExactly(new QlessEvent.Put("ql:log", "a", "q"));
		this.qless.jobs().track("a");
		assertThat(take(1)).containsExactly(new QlessEvent.Tracked("ql:track", TrackedKind.TRACK, "a"));
		Job job = this.qless.queue("q").pop("w", 1).get(0);
		assertThat(take(1)).containsExactly(new QlessEvent.Tracked("ql:popped", TrackedKind.POPPED, "a"));
		this.qless.jobs().complete(job);
		assertThat(take(2)).containsExactlyInAnyOrder(new QlessEvent.Tracked("ql:completed", TrackedKind.COMPLETED, "a"),
				new QlessEvent.Completed("ql:log", "a", "q"));
		this.qless.queue("q").put(PutRequest.of("K", Map.of()).jid("b"));
		this.qless.queue("q").pop("w", 1);
		this.qless.jobs().complete("b", "w", "q", Map.of(), "next", Duration.ZERO, List.of());
		assertThat(take(2)).containsExactlyInAnyOrder(new QlessEvent.Put("ql:log", "b", "q"),
				new QlessEvent.Advanced("ql:log", "b", "q", "next"));
		this.qless.queue("next").pop("w", 1);
		this.qless.jobs().fail("b", "w", "grp", "mess");
		assertThat(take(1)).containsExactly(new QlessEvent.Failed("ql:log", "b", "w", "grp", "mess"));
		this.qless.jobs().cancel("b");
		assertThat(take(1)).containsExactly(new QlessEvent.Canceled("ql:log", "b", "", "next"));
		this.qless.config().set("foo", "bar");
		this.qless.config().unset("foo");
		assertThat(take(2)).containsExactlyInAnyOrder(new QlessEvent.ConfigSet("ql:log", "foo", "bar"),
				new QlessEvent.ConfigUnset("ql:log", "foo"));
	}

	@Test
	void workerChannelReceivesLockLostAndCancelSubscriptionStopsDelivery() throws Exception {
		QlessEventSubscriber.Subscription subscription = this.subscriber.subscribeWorker("w1", this.events::add);
		BlockingQueue<QlessEvent> log = new LinkedBlockingQueue<>();
		this.subscriber.subscribe(log::add, List.of("ql:log"));
		this.container.start();
		this.qless.queue("q").put(PutRequest.of("K", Map.of()).jid("a"));
		this.qless.queue("q").pop("w1", 1);
		this.qless.queue("q").put(PutRequest.of("K", Map.of()).jid("a"));
		assertThat(take(1)).containsExactly(new QlessEvent.LockLost("ql:w:w1", "a", "w1"));
		this.qless.queue("q").pop("w1", 1);
		this.qless.jobs().cancel("a");
		assertThat(take(1)).containsExactly(new QlessEvent.Canceled("ql:w:w1", "a", "w1", "q"));
		subscription.close();
		this.qless.queue("q").put(PutRequest.of("K", Map.of()).jid("c"));
		this.qless.queue("q").pop("w1", 1);
		this.qless.queue("q").put(PutRequest.of("K", Map.of()).jid("c"));
		this.qless.config().set("marker", "1");
		// ql:log and ql:w:w1 are published in order on one connection: once the marker arrives on
		// ql:log, a lock_lost on ql:w:w1 would have arrived too.
		QlessEvent event;
		do {
			event = log.poll(10, TimeUnit.SECONDS);
		}
		while (event != null && !(event instanceof QlessEvent.ConfigSet));
		assertThat(event).isEqualTo(new QlessEvent.ConfigSet("ql:log", "marker", "1"));
		assertThat(this.events).isEmpty();
	}

}
