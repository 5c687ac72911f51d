package io.qless.core;

import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * A script call together with the conversion of its raw reply.
 *
 * @param call the call
 * @param converter turns the raw reply into the result
 * @param <T> the result type
 */
record QlessCommand<T extends @Nullable Object>(ScriptCall call, Function<@Nullable Object, T> converter) {

	/**
	 * Return this command sent to the key space of the given shard.
	 */
	QlessCommand<T> in(QlessShard shard) {
		return Objects.equals(shard.key(), this.call.key()) ? this
				: new QlessCommand<>(this.call.withKey(shard.key()), this.converter);
	}

	T convert(@Nullable Object reply) {
		return this.converter.apply(reply);
	}

}
