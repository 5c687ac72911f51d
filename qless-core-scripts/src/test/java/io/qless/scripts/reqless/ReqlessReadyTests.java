package io.qless.scripts.reqless;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code ql:ready} through the reqless commands. */
class ReqlessReadyTests extends ReqlessTestSupport {

	private ChannelRecorder ready;

	@BeforeEach
	void subscribe() {
		this.ready = ChannelRecorder.channels(this.reqless, "ql:ready");
	}

	@AfterEach
	void unsubscribe() {
		this.ready.close();
	}

	private List<String> readyOf(Runnable action) {
		this.ready.drain();
		action.run();
		return this.ready.drain();
	}

	private void running(long now, String queue, String jid, Object... options) {
		this.reqless.put(now, queue, jid, options);
		assertThat(this.reqless.popJids(now, queue, "worker", 1)).containsExactly(jid);
	}

	@Test
	void completeAnnouncesTheQueuesItsDependentsEnter() {
		running(0, "q", "a");
		this.reqless.put(0, "one", "b1", "depends", "[\"a\"]");
		this.reqless.put(0, "one", "b2", "depends", "[\"a\"]");
		this.reqless.put(0, "two", "c", "depends", "[\"a\"]");
		assertThat(readyOf(() -> this.reqless.complete(1, "a", "worker", "q")))
			.containsExactlyInAnyOrder("ql:ready one", "ql:ready two");
	}

	@Test
	void removeDependencyAnnounces() {
		this.reqless.put(0, "q", "a");
		this.reqless.put(0, "q", "b", "depends", "[\"a\"]");
		assertThat(readyOf(() -> this.reqless.call("job.removeDependency", 1, "b", "a")))
			.containsExactly("ql:ready q");
	}

	@Test
	void aThrottleSlotThatFreesAnnounces() {
		this.reqless.call("throttle.set", 0, "th", 1);
		running(0, "q", "holder", "throttles", "[\"th\"]");
		this.reqless.put(1, "other", "pending", "throttles", "[\"th\"]");
		assertThat(readyOf(() -> this.reqless.complete(2, "holder", "worker", "q"))).containsExactly("ql:ready other");
	}

	@Test
	void unfailRetryAndTimeoutAnnounce() {
		running(0, "q", "a");
		this.reqless.call("job.fail", 1, "a", "worker", "group", "message");
		assertThat(readyOf(() -> this.reqless.call("queue.unfail", 2, "q", "group", 10))).containsExactly("ql:ready q");
		assertThat(this.reqless.popJids(3, "q", "worker", 1)).containsExactly("a");
		assertThat(readyOf(() -> this.reqless.call("job.retry", 4, "a", "q", "worker", 0))).containsExactly("ql:ready q");
		assertThat(this.reqless.popJids(5, "q", "worker", 1)).containsExactly("a");
		assertThat(readyOf(() -> this.reqless.call("job.timeout", 6, "a"))).containsExactly("ql:ready q");
	}

	@Test
	void putAndCompleteAndRequeueAnnounceNothingHere() {
		assertThat(readyOf(() -> this.reqless.put(0, "q", "a"))).isEmpty();
		assertThat(this.reqless.popJids(0, "q", "worker", 1)).containsExactly("a");
		assertThat(readyOf(() -> this.reqless.call("job.completeAndRequeue", 1, "a", "worker", "q", "{}", "n")))
			.isEmpty();
	}

}
