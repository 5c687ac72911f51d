package io.qless.core;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one pipelined script call: a raw reply or the translated exception.
 *
 * @param value the raw reply, when the call succeeded
 * @param error the translated exception, when it failed
 */
record ScriptReply(@Nullable Object value, @Nullable RuntimeException error) {

	static ScriptReply success(@Nullable Object value) {
		return new ScriptReply(value, null);
	}

	static ScriptReply failure(RuntimeException error) {
		return new ScriptReply(null, error);
	}

}
