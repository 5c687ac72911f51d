package io.qless.test.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.qless.core.BatchResult;
import io.qless.core.Job;
import io.qless.core.PutRequest;
import io.qless.core.QueueCounts;
import io.qless.core.QueueJobState;
import io.qless.core.QueueOperations;
import io.qless.core.QueueStats;
import io.qless.core.RecurRequest;
import io.qless.core.SettleResult;
import io.qless.core.Settlement;
import org.jspecify.annotations.Nullable;

/**
 * One queue's operations in the inline mode: puts run their jobs before they return (see
 * {@link InlineQlessOperations}); the rest goes to the real client.
 */
final class InlineQueueOperations implements QueueOperations {

	private final QueueOperations delegate;

	private final InlineQlessOperations inline;

	InlineQueueOperations(QueueOperations delegate, InlineQlessOperations inline) {
		this.delegate = delegate;
		this.inline = inline;
	}

	@Override
	public String put(String klass, @Nullable Object payload) {
		return this.inline.runInline(() -> this.delegate.put(klass, payload));
	}

	@Override
	public String put(PutRequest request) {
		return this.inline.runInline(() -> this.delegate.put(request));
	}

	@Override
	public List<BatchResult<String>> putAll(List<PutRequest> requests) {
		return this.inline.runInline(() -> this.delegate.putAll(requests));
	}

	@Override
	public String requeue(PutRequest request) {
		return this.inline.runInline(() -> this.delegate.requeue(request));
	}

	@Override
	public String name() {
		return this.delegate.name();
	}

	@Override
	public List<Job> pop(String worker, int count) {
		return this.delegate.pop(worker, count);
	}

	@Override
	public SettleResult settle(String worker, List<Settlement> settlements, int count) {
		return this.delegate.settle(worker, settlements, count);
	}

	@Override
	public CompletableFuture<SettleResult> settleAsync(String worker, List<Settlement> settlements, int count) {
		return this.delegate.settleAsync(worker, settlements, count);
	}

	@Override
	public List<Job> peek(int count) {
		return this.delegate.peek(count);
	}

	@Override
	public long length() {
		return this.delegate.length();
	}

	@Override
	public QueueCounts counts() {
		return this.delegate.counts();
	}

	@Override
	public List<String> jobs(QueueJobState state, int offset, int count) {
		return this.delegate.jobs(state, offset, count);
	}

	@Override
	public List<String> waiting(int offset, int count) {
		return this.delegate.waiting(offset, count);
	}

	@Override
	public void pause() {
		this.delegate.pause();
	}

	@Override
	public void unpause() {
		this.delegate.unpause();
	}

	@Override
	public QueueStats stats(Instant day) {
		return this.delegate.stats(day);
	}

	@Override
	public long unfail(String group, int count) {
		return this.delegate.unfail(group, count);
	}

	@Override
	public String recur(RecurRequest request) {
		return this.delegate.recur(request);
	}

	@Override
	public void forget() {
		this.delegate.forget();
	}

	@Override
	public Duration heartbeatInterval() {
		return this.delegate.heartbeatInterval();
	}

}
