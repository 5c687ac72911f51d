package io.qless.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link ThrottleOperations} of a {@link QlessTemplate}.
 */
final class DefaultThrottleOperations implements ThrottleOperations {

	private final QlessTemplate template;

	private final QlessAdminCommands commands;

	DefaultThrottleOperations(QlessTemplate template, QlessAdminCommands commands) {
		this.template = template;
		this.commands = commands;
	}

	@Override
	public void set(String id, long maximum) {
		this.template.execute(this.commands.throttleSet(id, maximum, null));
	}

	@Override
	public void set(String id, long maximum, Duration expiry) {
		Assert.notNull(expiry, "'expiry' must not be null");
		this.template.execute(this.commands.throttleSet(id, maximum, expiry));
	}

	@Override
	public Throttle get(String id) {
		return this.template.execute(this.commands.throttleGet(id));
	}

	@Override
	public long ttl(String id) {
		return this.template.execute(this.commands.throttleTtl(id));
	}

	@Override
	public void delete(String id) {
		this.template.execute(this.commands.throttleDelete(id));
	}

	@Override
	public List<String> locks(String id) {
		return this.template.execute(this.commands.throttleLocks(id, false));
	}

	@Override
	public List<String> pending(String id) {
		return this.template.execute(this.commands.throttleLocks(id, true));
	}

	@Override
	public void release(String id, Collection<String> jids) {
		this.template.execute(this.commands.throttleRelease(id, jids));
	}

	@Override
	public Throttle getQueueThrottle(String queue) {
		return this.template.execute(this.commands.queueThrottleGet(queue));
	}

	@Override
	public void setQueueThrottle(String queue, long maximum) {
		this.template.execute(this.commands.queueThrottleSet(queue, maximum));
	}

	@Override
	public List<ThrottleStatus> status(Collection<String> ids) {
		Assert.notNull(ids, "'ids' must not be null");
		if (ids.isEmpty()) {
			return List.of();
		}
		List<QlessCommand<@Nullable Object>> calls = new ArrayList<>(ids.size() * 3);
		for (String id : ids) {
			calls.add(erase(this.commands.throttleGet(id)));
			calls.add(erase(this.commands.throttleLocks(id, false)));
			calls.add(erase(this.commands.throttleLocks(id, true)));
		}
		List<BatchResult<@Nullable Object>> results = this.template.executeAll(calls);
		List<ThrottleStatus> status = new ArrayList<>(ids.size());
		for (int i = 0; i < results.size(); i += 3) {
			Throttle throttle = (Throttle) value(results.get(i));
			status.add(new ThrottleStatus(throttle.id(), throttle.maximum(), throttle.ttl(),
					((List<?>) value(results.get(i + 1))).size(), ((List<?>) value(results.get(i + 2))).size()));
		}
		return List.copyOf(status);
	}

	@SuppressWarnings("unchecked")
	private static QlessCommand<@Nullable Object> erase(QlessCommand<?> command) {
		return (QlessCommand<@Nullable Object>) command;
	}

	private static Object value(BatchResult<@Nullable Object> result) {
		return result.getRequired();
	}

}
