package io.qless.core;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link ConfigOperations} of a {@link QlessTemplate}.
 */
final class DefaultConfigOperations implements ConfigOperations {

	private final QlessTemplate template;

	private final QlessAdminCommands commands;

	DefaultConfigOperations(QlessTemplate template, QlessAdminCommands commands) {
		this.template = template;
		this.commands = commands;
	}

	@Override
	public Map<String, String> getAll() {
		return this.template.execute(defaultShard(), this.commands.configAll());
	}

	@Override
	public @Nullable String get(String name) {
		return this.template.execute(defaultShard(), this.commands.configGet(name));
	}

	@Override
	public void set(String name, Object value) {
		Assert.notNull(value, "'value' must not be null");
		// Every shard runs with the same configuration.
		this.template.executeEach((shard) -> this.commands.configSet(name, String.valueOf(value)));
	}

	@Override
	public void unset(String name) {
		this.template.executeEach((shard) -> this.commands.configUnset(name));
	}

	@Override
	public <T> T get(QlessConfigKey<T> key) {
		Assert.notNull(key, "'key' must not be null");
		String text = get(key.name());
		return (text != null) ? key.parse(text) : key.defaultValue();
	}

	@Override
	public <T> void set(QlessConfigKey<T> key, T value) {
		Assert.notNull(key, "'key' must not be null");
		Assert.notNull(value, "'value' must not be null");
		set(key.name(), key.format(value));
	}

	@Override
	public void unset(QlessConfigKey<?> key) {
		Assert.notNull(key, "'key' must not be null");
		unset(key.name());
	}

	private QlessShard defaultShard() {
		return this.template.shards().defaultShard();
	}

	@Override
	public Duration heartbeat(String queue) {
		// One round trip: the full map holds both the queue's option and the global one.
		Map<String, String> all = getAll();
		QlessConfigKey<Duration> queueKey = QlessConfigKey.heartbeat(queue);
		String text = all.get(queueKey.name());
		if (text == null) {
			text = all.get(QlessConfigKey.HEARTBEAT.name());
		}
		return (text != null) ? queueKey.parse(text) : QlessConfigKey.HEARTBEAT.defaultValue();
	}

}
