package io.qless.core;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Operations on the qless configuration ({@code ql:config}), obtained from
 * {@link QlessOperations#config()}: typed through {@link QlessConfigKey} and raw by name.
 * Every method is one round trip.
 */
public interface ConfigOperations {

	/**
	 * Return the seven built-in defaults overlaid with every stored option, as text.
	 * @return the options
	 */
	Map<String, String> getAll();

	/**
	 * Return an option as text: the stored value, else the built-in default.
	 * @param name the option name
	 * @return the value, or {@code null} if it is neither stored nor a built-in default
	 */
	@Nullable String get(String name);

	/**
	 * Store an option.
	 * @param name the option name
	 * @param value the value, stored as text
	 */
	void set(String name, Object value);

	/**
	 * Remove a stored option; the default applies again.
	 * @param name the option name
	 */
	void unset(String name);

	/**
	 * Return a typed option, or its effective default when it is not stored.
	 * @param key the option
	 * @param <T> the value type
	 * @return the value
	 */
	<T> T get(QlessConfigKey<T> key);

	/**
	 * Store a typed option.
	 * @param key the option
	 * @param value the value
	 * @param <T> the value type
	 */
	<T> void set(QlessConfigKey<T> key, T value);

	/**
	 * Remove a stored option.
	 * @param key the option
	 */
	void unset(QlessConfigKey<?> key);

	/**
	 * Return the heartbeat interval of a queue as the script computes it:
	 * {@code <queue>-heartbeat}, falling back to {@code heartbeat}, then to 60 seconds.
	 * @param queue the queue
	 * @return the interval
	 */
	Duration heartbeat(String queue);

}
