package io.qless.listener;

import java.time.Duration;
import java.util.List;

import io.qless.handler.Next;
import io.qless.handler.QlessJobContext;
import org.jspecify.annotations.Nullable;

/**
 * A job handle holding fixed values, for tests of argument resolution that need no Redis.
 */
record TestJobContext(String jid, String queue, String klass, List<String> tags, int priority, int retries,
		int retriesLeft, String worker, String rawData) implements QlessJobContext {

	static TestJobContext withData(String rawData) {
		return new TestJobContext("jid-1", "underpants", "gnomes.GnomesJob", List.of("a", "b"), 5, 3, 2, "w1",
				rawData);
	}

	static TestJobContext withRetries(int retries, int retriesLeft) {
		return new TestJobContext("jid-1", "underpants", "gnomes.GnomesJob", List.of(), 0, retries, retriesLeft, "w1",
				"{}");
	}

	@Override
	public <T> T data(Class<T> type) {
		throw new UnsupportedOperationException();
	}

	@Override
	public boolean isLockLost() {
		return false;
	}

	@Override
	public void heartbeat() {
		throw new UnsupportedOperationException();
	}

	@Override
	public void heartbeat(@Nullable Object data) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void log(String message, @Nullable Object data) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void progress(Object progress) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void complete() {
		throw new UnsupportedOperationException();
	}

	@Override
	public void complete(Next next) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void fail(String group, String message) {
		throw new UnsupportedOperationException();
	}

	@Override
	public void retry(Duration delay) {
		throw new UnsupportedOperationException();
	}

	@Override
	public boolean isSettled() {
		return false;
	}

}
