package io.qless.core;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a job's history: {@code put}, {@code popped}, {@code done},
 * {@code failed}, {@code timed-out}, or any message given to {@code log}.
 *
 * @param when when it happened, whole seconds since the epoch
 * @param what what happened
 * @param details the entry's other keys ({@code q}, {@code worker}, {@code group}, or the data
 * given to {@code log}), as plain JSON values
 */
public record HistoryEntry(long when, String what, Map<String, Object> details) {

	/**
	 * Return {@link #when()} as an instant.
	 * @return the instant
	 */
	public Instant instant() {
		return Instant.ofEpochSecond(this.when);
	}

	/**
	 * Return the queue of a {@code put} entry (the {@code q} key; {@code queue} in entries
	 * written through the reqless dialect, and in {@code throttled} entries).
	 * @return the queue, or {@code null}
	 */
	public @Nullable String queue() {
		String queue = string("q");
		return (queue != null) ? queue : string("queue");
	}

	/**
	 * Return the worker of a {@code popped} or {@code failed} entry.
	 * @return the worker, or {@code null}
	 */
	public @Nullable String worker() {
		return string("worker");
	}

	/**
	 * Return the group of a {@code failed} entry.
	 * @return the group, or {@code null}
	 */
	public @Nullable String group() {
		return string("group");
	}

	private @Nullable String string(String key) {
		Object value = this.details.get(key);
		return (value != null) ? value.toString() : null;
	}

}
