package io.qless.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
		Assert.notNull(definition, "'definition' must not be null");
		return this.template.execute(this.template.router().ofQueue(definition.queue()),
				this.commands.set(definition, firstFireTime));
	}

	@Override
	public @Nullable ScheduleInfo get(String name) {
		return this.template.execute(ofSchedule(name), this.commands.get(name));
	}

	@Override
	public SchedulePage list(int offset, int count) {
		Assert.isTrue(offset >= 0, "'offset' must not be negative");
		Assert.isTrue(count > 0, "'count' must be greater than 0");
		List<QlessShard> shards = this.template.shards().all();
		if (shards.size() == 1) {
			return this.template.execute(shards.get(0), this.commands.list(offset, count));
		}
		long total = 0;
		List<ScheduleInfo> schedules = new ArrayList<>();
		for (SchedulePage page : this.template.executeEach((shard) -> this.commands.list(0, offset + count))) {
			total += page.total();
			schedules.addAll(page.schedules());
		}
		schedules.sort(Comparator.comparing((ScheduleInfo info) -> info.definition().name()));
		return new SchedulePage(total, (offset >= schedules.size()) ? List.of()
				: List.copyOf(schedules.subList(offset, Math.min(schedules.size(), offset + count))));
	}

	@Override
	public DueSchedules due(int limit) {
		Assert.isTrue(limit > 0, "'limit' must be greater than 0");
		List<QlessShard> shards = this.template.shards().all();
		if (shards.size() == 1) {
			return this.template.execute(shards.get(0), this.commands.due(limit));
		}
		List<DueSchedules.Due> due = new ArrayList<>();
		Instant next = null;
		for (DueSchedules shard : this.template.executeEach((shard) -> this.commands.due(limit))) {
			due.addAll(shard.due());
			if (shard.next() != null && (next == null || shard.next().isBefore(next))) {
				next = shard.next();
			}
		}
		return new DueSchedules(List.copyOf(due), next);
	}

	@Override
	public ScheduleFireResult fire(String name, Instant fireTime, Instant next) {
		return this.template.execute(ofSchedule(name),
				this.commands.fire(name, fireTime, next, ScheduleJids.fireJid(name, fireTime)));
	}

	@Override
	public ScheduleFireResult skip(String name, Instant fireTime, Instant next, long count) {
		Assert.isTrue(count > 0, "'count' must be greater than 0");
		return this.template.execute(ofSchedule(name), this.commands.skip(name, fireTime, next, count));
	}

	@Override
	public @Nullable String trigger(String name) {
		return this.template.execute(ofSchedule(name), this.commands.trigger(name, QlessCommands.newJid()));
	}

	@Override
	public @Nullable ScheduleInfo pause(String name) {
		return this.template.execute(ofSchedule(name), this.commands.pause(name));
	}

	@Override
	public @Nullable ScheduleInfo resume(String name, @Nullable Instant next) {
		return this.template.execute(ofSchedule(name), this.commands.resume(name, next));
	}

	@Override
	public boolean delete(String name) {
		return this.template.execute(ofSchedule(name), this.commands.delete(name));
	}

	private QlessShard ofSchedule(String name) {
		return this.template.router().ofSchedule(name);
	}

}
