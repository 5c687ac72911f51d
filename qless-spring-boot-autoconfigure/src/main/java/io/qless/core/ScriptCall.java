package io.qless.core;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One call of the qless script: the command, the clock its {@code now} is read from, the
 * command's arguments, all sent as strings after {@code EVALSHA <sha> 0} (or
 * {@code FCALL <function> 0}), and the key prefix of the call's shard, sent as the one key
 * ({@code EVALSHA <sha> 1 ql:{orders}: ...}) when the shard has one.
 * <p>
 * {@code now} is read when the call is written to the connection ({@link ScriptArguments}),
 * not when it is built: a call that waited in the driver while Redis was unreachable, or
 * that the driver sends again after reconnecting, carries the time it actually reaches
 * Redis, so the script never grants a lease that has by its own clock already expired.
 *
 * @param command the qless command, for example {@code put}
 * @param clock the clock {@code now} is read from
 * @param args the command's arguments
 * @param key the shard's key prefix, {@code KEYS[1]}, or {@code null} for the plain
 * {@code ql:} keys
 */
record ScriptCall(String command, Clock clock, List<String> args, @Nullable String key) {

	ScriptCall(String command, Clock clock, List<String> args) {
		this(command, clock, args, null);
	}

	/**
	 * Return this call sent to the key space of the given key prefix.
	 */
	ScriptCall withKey(@Nullable String key) {
		return new ScriptCall(this.command, this.clock, this.args, key);
	}

	/**
	 * Return the current time in seconds since the epoch, with milliseconds, as sent.
	 */
	String now() {
		return seconds(this.clock.millis());
	}

	/**
	 * Return {@code epochMillis} as seconds with three decimals ({@code 1700000000.123}),
	 * without a BigDecimal on every call.
	 */
	static String seconds(long epochMillis) {
		long seconds = Math.floorDiv(epochMillis, 1000);
		int millis = (int) Math.floorMod(epochMillis, 1000);
		StringBuilder text = new StringBuilder(16).append(seconds).append('.');
		if (millis < 100) {
			text.append('0');
		}
		if (millis < 10) {
			text.append('0');
		}
		return text.append(millis).toString();
	}

}
