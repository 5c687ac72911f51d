package io.qless.core;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

/**
 * One call of the qless script: the command, the clock its {@code now} is read from, and
 * the command's arguments, all sent as strings after {@code EVALSHA <sha> 0} (or
 * {@code FCALL <function> 0}).
 * <p>
 * {@code now} is read when the call is written to the connection ({@link ScriptArguments}),
 * not when it is built: a call that waited in the driver while Redis was unreachable, or
 * that the driver sends again after reconnecting, carries the time it actually reaches
 * Redis, so the script never grants a lease that has by its own clock already expired.
 *
 * @param command the qless command, for example {@code put}
 * @param clock the clock {@code now} is read from
 * @param args the command's arguments
 */
record ScriptCall(String command, Clock clock, List<String> args) {

	/**
	 * Return the current time in seconds since the epoch, with milliseconds, as sent.
	 */
	String now() {
		return seconds(this.clock.millis());
	}

	static String seconds(long epochMillis) {
		return BigDecimal.valueOf(epochMillis).movePointLeft(3).toPlainString();
	}

}
