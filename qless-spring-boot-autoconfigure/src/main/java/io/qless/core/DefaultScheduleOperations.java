package io.qless.core;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link ScheduleOperations} of a {@link QlessTemplate}.
 */
final class DefaultScheduleOperations implements ScheduleOperations {

	private final QlessTemplate template;

	private final ScheduleCommands commands;

	DefaultScheduleOperations(QlessTemplate template, ScheduleCommands commands) {
		this.template = template;
		this.commands = commands;
	}

	@Override
	public ScheduleChange set(ScheduleDefinition definition, @Nullable Instant firstFireTime) {
		return this.template.execute(this.commands.set(definition, firstFireTime));
	}

	@Override
	public @Nullable ScheduleInfo get(String name) {
		return this.template.execute(this.commands.get(name));
	}

	@Override
	public SchedulePage list(int offset, int count) {
		Assert.isTrue(offset >= 0, "'offset' must not be negative");
		Assert.isTrue(count > 0, "'count' must be greater than 0");
		return this.template.execute(this.commands.list(offset, count));
	}

	@Override
	public DueSchedules due(int limit) {
		Assert.isTrue(limit > 0, "'limit' must be greater than 0");
		return this.template.execute(this.commands.due(limit));
	}

	@Override
	public ScheduleFireResult fire(String name, Instant fireTime, Instant next) {
		return this.template.execute(this.commands.fire(name, fireTime, next, ScheduleJids.fireJid(name, fireTime)));
	}

	@Override
	public ScheduleFireResult skip(String name, Instant fireTime, Instant next, long count) {
		Assert.isTrue(count > 0, "'count' must be greater than 0");
		return this.template.execute(this.commands.skip(name, fireTime, next, count));
	}

	@Override
	public @Nullable String trigger(String name) {
		return this.template.execute(this.commands.trigger(name, QlessCommands.newJid()));
	}

	@Override
	public @Nullable ScheduleInfo pause(String name) {
		return this.template.execute(this.commands.pause(name));
	}

	@Override
	public @Nullable ScheduleInfo resume(String name, @Nullable Instant next) {
		return this.template.execute(this.commands.resume(name, next));
	}

	@Override
	public boolean delete(String name) {
		return this.template.execute(this.commands.delete(name));
	}

}
