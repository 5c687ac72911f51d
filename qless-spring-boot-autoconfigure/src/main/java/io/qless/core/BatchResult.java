package io.qless.core;

import java.util.NoSuchElementException;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one call of a pipelined group: a value or the {@link QlessException} (or
 * other exception) that call raised.
 *
 * @param value the value, when the call succeeded
 * @param error the exception, when the call failed
 * @param <T> the value type
 */
public record BatchResult<T extends @Nullable Object>(@Nullable T value, @Nullable RuntimeException error) {

	/**
	 * Return whether the call succeeded.
	 * @return {@code true} if it succeeded
	 */
	public boolean isSuccess() {
		return this.error == null;
	}

	/**
	 * Return the value, or throw the call's exception.
	 * @return the value
	 */
	public @Nullable T get() {
		if (this.error != null) {
			throw this.error;
		}
		return this.value;
	}

	/**
	 * Return the value of a call that succeeded with a non-null value.
	 * @return the value
	 * @throws NoSuchElementException if there is none
	 */
	public T getRequired() {
		T result = get();
		if (result == null) {
			throw new NoSuchElementException("No value");
		}
		return result;
	}

}
