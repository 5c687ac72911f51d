package io.qless.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link QueueOperations} of a {@link QlessTemplate}.
 */
final class DefaultQueueOperations implements QueueOperations {

	private final QlessTemplate template;

	private final QlessCommands commands;

	private final String name;

	private final QlessShard shard;

	DefaultQueueOperations(QlessTemplate template, QlessCommands commands, String name, QlessShard shard) {
		Assert.hasText(name, "'name' must not be empty");
		this.template = template;
		this.commands = commands;
		this.name = name;
		this.shard = shard;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public String put(String klass, @Nullable Object payload) {
		return put(PutRequest.of(klass, payload));
	}

	@Override
	public String put(PutRequest request) {
		return send(this.template.putCommand(this.name, request, false));
	}

	@Override
	public List<BatchResult<String>> putAll(List<PutRequest> requests) {
		Assert.notNull(requests, "'requests' must not be null");
		List<QlessCommand<String>> puts = new ArrayList<>(requests.size());
		for (PutRequest request : requests) {
			puts.add(this.template.putCommand(this.name, request, false));
		}
		AfterCommitPuts afterCommit = this.template.afterCommitPuts();
		if (afterCommit.isHolding()) {
			List<BatchResult<String>> held = new ArrayList<>(puts.size());
			for (QlessCommand<String> put : puts) {
				afterCommit.hold(put);
				held.add(new BatchResult<>(QlessCommands.jidOf(put), null));
			}
			return held;
		}
		if (puts.size() < 2 || !this.template.isPutManySupported()) {
			return this.template.executeAll(puts);
		}
		return putMany(puts);
	}

	/**
	 * Send the puts as {@code put.many} calls of at most {@value QlessCommands#MAX_PUT_MANY}
	 * jobs, pipelined: what a call costs Redis once is shared by its puts. A script without
	 * the command (an older one loaded by another application) gets the puts one by one.
	 */
	private List<BatchResult<String>> putMany(List<QlessCommand<String>> puts) {
		List<List<QlessCommand<String>>> chunks = new ArrayList<>();
		List<QlessCommand<List<BatchResult<String>>>> calls = new ArrayList<>();
		for (int first = 0; first < puts.size(); first += QlessCommands.MAX_PUT_MANY) {
			List<QlessCommand<String>> chunk = puts.subList(first,
					Math.min(puts.size(), first + QlessCommands.MAX_PUT_MANY));
			chunks.add(chunk);
			calls.add(this.commands.putMany(chunk));
		}
		List<BatchResult<List<BatchResult<String>>>> replies = this.template.executeAll(calls);
		List<BatchResult<String>> results = new ArrayList<>(puts.size());
		for (int i = 0; i < replies.size(); i++) {
			RuntimeException error = replies.get(i).error();
			if (error == null) {
				results.addAll(replies.get(i).getRequired());
			}
			else if (isUnknownCommand(error)) {
				this.template.putManyUnsupported();
				results.addAll(this.template.executeAll(chunks.get(i)));
			}
			else {
				for (int j = 0; j < chunks.get(i).size(); j++) {
					results.add(new BatchResult<>(null, error));
				}
			}
		}
		return results;
	}

	/** Whether the script refused the call as a command it does not know. */
	private static boolean isUnknownCommand(RuntimeException error) {
		return error instanceof QlessException qless && !(error instanceof QlessUnavailableException)
				&& qless.getScriptMessage().contains("Unknown command");
	}

	@Override
	public String requeue(PutRequest request) {
		Assert.notNull(request.jid(), "'request.jid' must not be null");
		return send(this.template.putCommand(this.name, request, true));
	}

	/**
	 * Run a put now, or, inside a transaction, hold it until the transaction commits and
	 * return the jid it will have.
	 */
	private String send(QlessCommand<String> put) {
		AfterCommitPuts afterCommit = this.template.afterCommitPuts();
		if (afterCommit.isHolding()) {
			afterCommit.hold(put);
			return QlessCommands.jidOf(put);
		}
		return this.template.execute(put);
	}

	@Override
	public List<Job> pop(String worker, int count) {
		List<Job> jobs = this.template.execute(this.commands.pop(this.name, worker, count));
		this.template.router().remember(jobs, this.shard);
		return jobs;
	}

	@Override
	public SettleResult settle(String worker, List<Settlement> settlements, int count) {
		try {
			return settleAsync(worker, settlements, count).join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
		}
	}

	@Override
	public CompletableFuture<SettleResult> settleAsync(String worker, List<Settlement> settlements, int count) {
		Assert.notNull(settlements, "'settlements' must not be null");
		if (!this.template.isSettleSupported()) {
			return settleOneByOne(worker, settlements, count);
		}
		checkAdvances(settlements);
		QlessCommand<SettleResult> settle = this.commands.settle(this.name, worker, settlements, count);
		return this.template.executeAllAsync(List.of(settle)).thenCompose((results) -> {
			BatchResult<SettleResult> result = results.get(0);
			RuntimeException error = result.error();
			if (error == null) {
				this.template.router().remember(result.getRequired().jobs(), this.shard);
				return CompletableFuture.completedFuture(result.getRequired());
			}
			if (isUnknownCommand(error)) {
				this.template.settleUnsupported();
				return settleOneByOne(worker, settlements, count);
			}
			return CompletableFuture.failedFuture(error);
		});
	}

	private void checkAdvances(List<Settlement> settlements) {
		ShardRouter router = this.template.router();
		if (!router.isSharded()) {
			return;
		}
		for (Settlement settlement : settlements) {
			if (settlement instanceof Settlement.Advance advance) {
				router.checkNext("complete", advance.jid(), advance.queue(), advance.next());
				router.checkDepends("complete", advance.jid(), this.shard, advance.depends());
			}
		}
	}

	/**
	 * Settle with the single commands and pop, pipelined in one round trip: for scripts
	 * without {@code settle}.
	 */
	private CompletableFuture<SettleResult> settleOneByOne(String worker, List<Settlement> settlements, int count) {
		List<QlessCommand<Object>> calls = new ArrayList<>(settlements.size() + 1);
		for (Settlement settlement : settlements) {
			calls.add(single(worker, settlement));
		}
		if (count > 0) {
			calls.add(asObject(this.commands.pop(this.name, worker, count)));
		}
		return this.template.executeAllAsync(calls).thenApply((replies) -> {
			for (BatchResult<Object> reply : replies) {
				// Redis did not answer all of them: the caller sends them again as a whole
				if (reply.error() instanceof QlessUnavailableException unavailable) {
					throw unavailable;
				}
			}
			List<BatchResult<Object>> outcomes = replies.subList(0, settlements.size());
			List<Job> jobs = (count > 0) ? castJobs(replies.get(settlements.size()).get()) : List.of();
			this.template.router().remember(jobs, this.shard);
			return new SettleResult(outcomes, jobs);
		});
	}

	private QlessCommand<Object> single(String worker, Settlement settlement) {
		if (settlement instanceof Settlement.Complete complete) {
			return asObject(this.commands.complete(complete.jid(), worker, complete.queue(), new RawJson(complete.data())));
		}
		if (settlement instanceof Settlement.Advance advance) {
			return asObject(this.commands.advance(advance.jid(), worker, advance.queue(), new RawJson(advance.data()),
					advance.next(), advance.delay(), advance.depends()));
		}
		if (settlement instanceof Settlement.Retry retry) {
			return asObject(this.commands.retry(retry.jid(), retry.queue(), worker, retry.delay(), retry.group(),
					retry.message()));
		}
		Settlement.Fail fail = (Settlement.Fail) settlement;
		return asObject(this.commands.fail(fail.jid(), worker, fail.group(), fail.message(), null, false));
	}

	private static QlessCommand<Object> asObject(QlessCommand<?> command) {
		return new QlessCommand<>(command.call(), (reply) -> {
			Object value = command.convert(reply);
			return (value instanceof JobState state) ? state.wireName() : value;
		});
	}

	@SuppressWarnings("unchecked")
	private static List<Job> castJobs(@Nullable Object jobs) {
		return (jobs != null) ? (List<Job>) jobs : List.of();
	}

	@Override
	public List<Job> peek(int count) {
		return this.template.execute(this.commands.peek(this.name, count));
	}

	@Override
	public long length() {
		return this.template.execute(this.commands.length(this.name));
	}

	@Override
	public QueueCounts counts() {
		return this.template.execute(this.commands.counts(this.name));
	}

	@Override
	public List<String> jobs(QueueJobState state, int offset, int count) {
		Assert.notNull(state, "'state' must not be null");
		return this.template.execute(this.commands.jobs(state, this.name, offset, count));
	}

	@Override
	public List<String> waiting(int offset, int count) {
		Assert.isTrue(offset >= 0, "'offset' must not be negative");
		Assert.isTrue(count > 0, "'count' must be greater than 0");
		return this.template.keys(this.shard).waiting(this.name, offset, count);
	}

	@Override
	public void pause() {
		this.template.execute(this.commands.pause(List.of(this.name), true));
	}

	@Override
	public void unpause() {
		this.template.execute(this.commands.pause(List.of(this.name), false));
	}

	@Override
	public QueueStats stats(Instant day) {
		Assert.notNull(day, "'day' must not be null");
		return this.template.execute(this.commands.stats(this.name, day));
	}

	@Override
	public long unfail(String group, int count) {
		Assert.isTrue(count > 0, "'count' must be greater than 0");
		return this.template.execute(this.commands.unfail(this.name, group, count));
	}

	@Override
	public String recur(RecurRequest request) {
		Assert.notNull(request, "'request' must not be null");
		this.template.router().checkThrottles("recur", this.name, this.shard, request.throttles());
		return this.template.execute(this.commands.recur(this.name, request));
	}

	@Override
	public void forget() {
		this.template.execute(this.commands.forget(List.of(this.name)));
	}

	@Override
	public Duration heartbeatInterval() {
		return this.template.config().heartbeat(this.name);
	}

}
