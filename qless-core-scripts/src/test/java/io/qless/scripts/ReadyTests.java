package io.qless.scripts;

import java.util.List;

import io.qless.scripts.EventRecorder.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ql:ready} (an extension channel): the queue name, once per queue and call, when
 * jobs enter a queue's work set other than by put or complete-with-next, published while
 * some client subscribes to the channel by name.
 */
class ReadyTests extends ScriptTestSupport {

	private EventRecorder ready;

	@BeforeEach
	void subscribe() {
		this.ready = EventRecorder.channels(this.qless, "ql:ready");
	}

	@AfterEach
	void unsubscribe() {
		this.ready.close();
	}

	private List<Event> readyOf(Runnable action) {
		this.ready.drain();
		action.run();
		return this.ready.drain();
	}

	private static Event ready(String queue) {
		return new Event("ql:ready", queue);
	}

	private void running(long now, String queue, String jid, Object... options) {
		this.qless.put(now, queue, jid, options);
		assertThat(this.qless.popOne(now, queue, "worker").get("jid").asString()).isEqualTo(jid);
	}

	@Test
	void completeAnnouncesEachQueueItsDependentsEnterOnce() {
		running(0, "q", "a");
		this.qless.put(0, "one", "b1", "depends", "[\"a\"]");
		this.qless.put(0, "one", "b2", "depends", "[\"a\"]");
		this.qless.put(0, "two", "c", "depends", "[\"a\"]");
		this.qless.putBy(0, "worker", "three", "d", 10, "depends", "[\"a\"]");
		this.qless.put(0, "four", "other");
		this.qless.put(0, "four", "e", "depends", "[\"a\", \"other\"]");
		assertThat(readyOf(() -> this.qless.complete(1, "a", "worker", "q"))).containsExactlyInAnyOrder(ready("one"),
				ready("two"));
	}

	@Test
	void completeWithoutDependentsAnnouncesNothing() {
		running(0, "q", "a");
		assertThat(readyOf(() -> this.qless.complete(1, "a", "worker", "q"))).isEmpty();
	}

	@Test
	void putAndAdvanceAnnounceNothingHere() {
		assertThat(readyOf(() -> this.qless.put(0, "q", "a"))).isEmpty();
		this.qless.popOne(0, "q", "worker");
		assertThat(readyOf(() -> this.qless.complete(1, "a", "worker", "q", "next", "n"))).isEmpty();
	}

	@Test
	void dependsOffAnnounces() {
		this.qless.put(0, "q", "a");
		this.qless.put(0, "q", "b", "depends", "[\"a\"]");
		this.qless.put(0, "r", "c", "depends", "[\"a\"]");
		assertThat(readyOf(() -> this.qless.call("depends", 1, "b", "off", "a"))).containsExactly(ready("q"));
		assertThat(readyOf(() -> this.qless.call("depends", 1, "c", "off", "all"))).containsExactly(ready("r"));
	}

	@Test
	void aThrottleSlotThatFreesAnnouncesTheQueueOfThePendingJobs() {
		this.qless.call("throttle.set", 0, "th", 1);
		running(0, "q", "holder", "throttles", "[\"th\"]");
		this.qless.put(1, "other", "pending", "throttles", "[\"th\"]");
		assertThat(this.qless.state("pending")).isEqualTo("throttled");
		assertThat(readyOf(() -> this.qless.complete(2, "holder", "worker", "q"))).containsExactly(ready("other"));
	}

	@Test
	void unfailAnnounces() {
		running(0, "q", "a");
		this.qless.fail(1, "a", "worker", "group", "message");
		running(0, "q", "b");
		this.qless.fail(1, "b", "worker", "group", "message");
		assertThat(readyOf(() -> this.qless.call("unfail", 2, "q", "group", 10))).containsExactly(ready("q"));
		assertThat(readyOf(() -> this.qless.call("unfail", 2, "q", "group", 10))).isEmpty();
	}

	@Test
	void retryWithoutDelayAnnounces() {
		running(0, "q", "a");
		assertThat(readyOf(() -> this.qless.call("retry", 1, "a", "q", "worker", 0))).containsExactly(ready("q"));
		this.qless.popOne(2, "q", "worker");
		assertThat(readyOf(() -> this.qless.call("retry", 3, "a", "q", "worker", 10))).isEmpty();
	}

	@Test
	void timeoutAnnounces() {
		running(0, "q", "a");
		running(0, "q", "b");
		assertThat(readyOf(() -> this.qless.call("timeout", 1, "a", "b"))).containsExactly(ready("q"));
	}

	@Test
	void anIdlePopThatContinuesAReleaseAnnounces() {
		running(0, "q", "parent");
		for (int i = 0; i < 260; i++) {
			this.qless.put(0, "kids", "kid-" + i, "depends", "[\"parent\"]");
		}
		assertThat(readyOf(() -> this.qless.complete(1, "parent", "worker", "q"))).containsExactly(ready("kids"));
		assertThat(readyOf(() -> this.qless.call("pop", 2, "empty", "idle", 1))).containsExactly(ready("kids"));
	}

	@Test
	void withoutANamedSubscriberNothingIsPublished() {
		this.ready.close();
		running(0, "q", "a");
		try (EventRecorder all = new EventRecorder(this.qless)) {
			all.drain();
			this.qless.call("timeout", 1, "a");
			String lockLost = "{\"jid\":\"a\",\"event\":\"lock_lost\",\"worker\":\"worker\"}";
			assertThat(all.drain()).containsExactly(new Event("ql:w:worker", lockLost), new Event("ql:log", lockLost));
		}
		this.ready = EventRecorder.channels(this.qless, "ql:ready");
	}

}
