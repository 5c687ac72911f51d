package io.qless.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link QueueOperations} of a {@link QlessTemplate}.
 */
final class DefaultQueueOperations implements QueueOperations {

	private final QlessTemplate template;

	private final QlessCommands commands;

	private final String name;

	DefaultQueueOperations(QlessTemplate template, QlessCommands commands, String name) {
		Assert.hasText(name, "'name' must not be empty");
		this.template = template;
		this.commands = commands;
		this.name = name;
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
		return this.template.execute(this.commands.put(this.template.workerName(), this.name,
				this.template.customize(this.name, request), false));
	}

	@Override
	public List<BatchResult<String>> putAll(List<PutRequest> requests) {
		Assert.notNull(requests, "'requests' must not be null");
		List<QlessCommand<String>> puts = new ArrayList<>(requests.size());
		for (PutRequest request : requests) {
			puts.add(this.commands.put(this.template.workerName(), this.name,
					this.template.customize(this.name, request), false));
		}
		return this.template.executeAll(puts);
	}

	@Override
	public String requeue(PutRequest request) {
		Assert.notNull(request.jid(), "'request.jid' must not be null");
		return this.template.execute(this.commands.put(this.template.workerName(), this.name,
				this.template.customize(this.name, request), true));
	}

	@Override
	public List<Job> pop(String worker, int count) {
		return this.template.execute(this.commands.pop(this.name, worker, count));
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
		return this.template.keys().waiting(this.name, offset, count);
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
