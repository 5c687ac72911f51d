package io.qless.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * A group of script calls sent together, pipelined in one network round trip. Obtain one
 * from {@link QlessOperations#batch()}, add calls (each returns a future of its own result),
 * then {@link #execute()} or {@link #executeAsync()}. Each call succeeds or fails on its own:
 * one job's {@link LockLostException} completes only that job's future exceptionally.
 *
 * <pre class="code">
 * QlessBatch batch = qless.batch();
 * CompletableFuture&lt;JobState&gt; done = batch.complete(job);
 * batch.retry(other.jid(), other.queue(), worker, Duration.ofSeconds(30), "errors", "boom");
 * batch.executeAsync(); // the next pop need not wait for it
 * </pre>
 *
 * A batch is meant for one thread and is sent once. With shards, each call goes to its
 * queue's or job's shard (a shard's refusal, such as a {@code Next} into another shard,
 * is thrown when the call is added); calls of several shards still go out together, on a
 * Redis Cluster each to its node.
 */
public final class QlessBatch {

	private final QlessTemplate template;

	private final QlessCommands commands;

	private final List<Pending<?>> pending = new ArrayList<>();

	private boolean sent;

	private boolean puts;

	QlessBatch(QlessTemplate template, QlessCommands commands) {
		this.template = template;
		this.commands = commands;
	}

	/**
	 * Add a put.
	 * @param queue the queue
	 * @param request the job
	 * @return the future jid
	 */
	public CompletableFuture<String> put(String queue, PutRequest request) {
		this.puts = true;
		return add(this.template.putCommand(queue, request, false));
	}

	/**
	 * Add a complete of a popped job, keeping its data.
	 * @param job the job as popped
	 * @return the future state ({@link JobState#COMPLETE})
	 */
	public CompletableFuture<JobState> complete(Job job) {
		Assert.notNull(job, "'job' must not be null");
		return complete(job.jid(), job.worker(), job.queue(), new RawJson(job.data()));
	}

	/**
	 * Add a complete.
	 * @param jid the jid
	 * @param worker the worker holding it
	 * @param queue the queue it runs in
	 * @param data the data to store
	 * @return the future state
	 * @see JobOperations#complete(String, String, String, Object)
	 */
	public CompletableFuture<JobState> complete(String jid, String worker, String queue, @Nullable Object data) {
		return add(this.commands.complete(jid, worker, queue, data).in(router().ofQueue(queue)));
	}

	/**
	 * Add a complete that puts the job into a next queue.
	 * @param jid the jid
	 * @param worker the worker holding it
	 * @param queue the queue it runs in
	 * @param data the data to store
	 * @param nextQueue the queue to put it in
	 * @param delay how long before it can be popped there
	 * @param depends jids it waits on there
	 * @return the future state
	 * @see JobOperations#complete(String, String, String, Object, String, Duration, Collection)
	 */
	public CompletableFuture<JobState> complete(String jid, String worker, String queue, @Nullable Object data,
			String nextQueue, Duration delay, Collection<String> depends) {
		ShardRouter router = router();
		router.checkNext("complete", jid, queue, nextQueue);
		QlessShard shard = router.ofQueue(queue);
		router.checkDepends("complete", jid, shard, depends);
		return add(this.commands.advance(jid, worker, queue, data, nextQueue, delay, depends).in(shard));
	}

	/**
	 * Add a fail.
	 * @param jid the jid
	 * @param worker the worker holding it
	 * @param group the failure group
	 * @param message the failure message
	 * @return the future jid
	 */
	public CompletableFuture<String> fail(String jid, String worker, String group, String message) {
		return add(this.commands.fail(jid, worker, group, message, null, false).in(router().ofJid(jid)));
	}

	/**
	 * Add a retry.
	 * @param jid the jid
	 * @param queue the queue to put it back in
	 * @param worker the worker holding it
	 * @param delay how long before it can be popped again
	 * @param group the failure group to record, or {@code null}
	 * @param message the failure message to record, or {@code null}
	 * @return the future number of retries left ({@code -1} if the job failed)
	 */
	public CompletableFuture<Long> retry(String jid, String queue, String worker, Duration delay,
			@Nullable String group, @Nullable String message) {
		return add(this.commands.retry(jid, queue, worker, delay, group, message).in(router().ofQueue(queue)));
	}

	/**
	 * Add a heartbeat.
	 * @param jid the jid
	 * @param worker the worker holding it
	 * @return the future new expiry
	 */
	public CompletableFuture<Instant> heartbeat(String jid, String worker) {
		return add(this.commands.heartbeat(jid, worker, null, false).in(router().ofJid(jid)));
	}

	/**
	 * Return how many calls were added.
	 * @return the number of calls
	 */
	public int size() {
		return this.pending.size();
	}

	/**
	 * Send all calls in one pipelined round trip and wait for every reply. Failures of single
	 * calls do not make this method throw; they complete that call's future exceptionally.
	 */
	public void execute() {
		if (holdUntilCommit()) {
			return;
		}
		List<ScriptReply> replies = this.template.getExecutor().executeAll(calls());
		complete(replies);
	}

	/**
	 * Inside a transaction, with after-commit puts on, a batch that puts jobs is sent once
	 * the transaction commits; on rollback its futures fail.
	 * @return whether the batch is held
	 */
	private boolean holdUntilCommit() {
		AfterCommitPuts afterCommit = this.template.afterCommitPuts();
		if (!this.puts || !afterCommit.isHolding()) {
			return false;
		}
		List<ScriptCall> calls = calls();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				try {
					complete(QlessBatch.this.template.getExecutor().executeAll(calls));
				}
				catch (RuntimeException ex) {
					QlessBatch.this.pending.forEach((item) -> item.future().completeExceptionally(ex));
				}
			}

			@Override
			public void afterCompletion(int status) {
				if (status != STATUS_COMMITTED) {
					IllegalStateException rolledBack = new IllegalStateException(
							"The transaction rolled back; the batch was not sent");
					QlessBatch.this.pending.forEach((item) -> item.future().completeExceptionally(rolledBack));
				}
			}

		});
		return true;
	}

	/**
	 * Send all calls in one pipelined round trip without waiting.
	 * @return a future that completes when every reply has arrived and every call's future is
	 * completed
	 */
	public CompletableFuture<Void> executeAsync() {
		if (holdUntilCommit()) {
			return CompletableFuture.allOf(this.pending.stream().map(Pending::future).toArray(CompletableFuture[]::new));
		}
		return this.template.getExecutor().executeAllAsync(calls()).thenAccept(this::complete);
	}

	private List<ScriptCall> calls() {
		Assert.state(!this.sent, "This batch was already sent");
		this.sent = true;
		List<ScriptCall> calls = new ArrayList<>(this.pending.size());
		for (Pending<?> item : this.pending) {
			calls.add(item.command().call());
		}
		return calls;
	}

	private void complete(List<ScriptReply> replies) {
		for (int i = 0; i < replies.size(); i++) {
			this.pending.get(i).complete(replies.get(i));
		}
	}

	private ShardRouter router() {
		return this.template.router();
	}

	private <T> CompletableFuture<T> add(QlessCommand<T> command) {
		Assert.state(!this.sent, "This batch was already sent");
		Pending<T> item = new Pending<>(command, new CompletableFuture<>());
		this.pending.add(item);
		return item.future();
	}

	private record Pending<T>(QlessCommand<T> command, CompletableFuture<T> future) {

		void complete(ScriptReply reply) {
			if (reply.error() != null) {
				this.future.completeExceptionally(reply.error());
				return;
			}
			try {
				this.future.complete(this.command.convert(reply.value()));
			}
			catch (RuntimeException ex) {
				this.future.completeExceptionally(ex);
			}
		}

	}

}
