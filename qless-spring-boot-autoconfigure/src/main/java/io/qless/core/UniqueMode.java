package io.qless.core;

import java.util.Locale;

/**
 * How long a job put with a {@linkplain PutRequest#unique(String) unique key} holds the
 * key, and what a put with a held key does.
 */
public enum UniqueMode {

	/**
	 * The key is held until the job completes (its last complete: an advance into a next
	 * queue keeps it), fails or is canceled; a put with the key while it is held changes
	 * nothing and returns the holder's jid. The default.
	 */
	FINISH,

	/**
	 * The key is held until the job is first popped; a put with the key before that changes
	 * nothing and returns the holder's jid.
	 */
	START,

	/**
	 * The key is held until the job is first popped; a put with the key before that puts
	 * the holder again (same jid) with the new put's payload, delay and options, so the
	 * holder's start moves back by the new delay.
	 */
	DEBOUNCE;

	/**
	 * Return the value of the script's {@code unique-mode} option.
	 * @return {@code finish}, {@code start} or {@code debounce}
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Return the mode of a {@code unique-mode} value, in any case.
	 * @param value {@code finish}, {@code start} or {@code debounce}
	 * @return the mode
	 * @throws IllegalArgumentException for any other value
	 */
	public static UniqueMode of(String value) {
		for (UniqueMode mode : values()) {
			if (mode.value().equalsIgnoreCase(value.trim())) {
				return mode;
			}
		}
		throw new IllegalArgumentException("Unknown unique mode '" + value + "': use finish, start or debounce");
	}

}
