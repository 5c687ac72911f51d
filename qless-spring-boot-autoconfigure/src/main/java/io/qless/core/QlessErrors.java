package io.qless.core;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisCommandExecutionException;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.lettuce.LettuceExceptionConverter;
import org.springframework.data.redis.RedisSystemException;

/**
 * Turns driver exceptions into {@link QlessException}s by the script's message. The
 * message is matched on its fixed fragments ("does not exist", "another worker", ...),
 * which every qless-core implementation shares.
 */
final class QlessErrors {

	// Redis 7: "ERR user_script:12: <message> script: <sha>, on @user_script:12."
	// Redis 7 FCALL: "ERR user_function:12: <message> script: <function>, on @user_function:12."
	// Older: "ERR Error running script (call to f_<sha>): @user_script:12: <message>"
	private static final Pattern SCRIPT_ERROR = Pattern.compile(
			"^.*user_(?:script|function):\\d+:\\s*(.+?)(?:\\s+script: [0-9A-Za-z_]+, on @user_(?:script|function):\\d+\\.?)?$",
			Pattern.DOTALL);

	private static final Set<String> WORKER_COMMANDS = Set.of("complete", "fail", "retry", "heartbeat");

	private static final List<String> ARGUMENT_FRAGMENTS = List.of("Arg ", "Argument", "missing", "not a number",
			"not JSON", "not cjson", "must be", "must provide", "Odd number", "nknown", "cannot be used", "Unrecognized",
			"provided", "assertion failed", "Expected", "invalid", "not an integer", "wrong number of arguments");

	private static final LettuceExceptionConverter converter = new LettuceExceptionConverter();

	private QlessErrors() {
	}

	/**
	 * Translate a failure of a script call.
	 * @param command the qless command
	 * @param failure what the driver raised, possibly wrapped in a completion exception
	 * @return the exception to throw
	 */
	static RuntimeException translate(String command, Throwable failure) {
		Throwable ex = unwrap(failure);
		if (ex instanceof QlessException qlessException) {
			return qlessException;
		}
		if (ex instanceof RedisCommandExecutionException) {
			String message = String.valueOf(ex.getMessage());
			return fromMessage(ReqlessCalls.qlessName(command), scriptMessage(message), ex);
		}
		if (ex instanceof RuntimeException runtime) {
			DataAccessException translated = converter.convert(runtime);
			return (translated != null) ? translated : runtime;
		}
		return new RedisSystemException("qless " + command + " failed", ex);
	}

	static Throwable unwrap(Throwable failure) {
		Throwable ex = failure;
		while ((ex instanceof CompletionException || ex instanceof ExecutionException) && ex.getCause() != null) {
			ex = ex.getCause();
		}
		return ex;
	}

	static String scriptMessage(String redisMessage) {
		Matcher matcher = SCRIPT_ERROR.matcher(redisMessage.trim());
		if (matcher.find()) {
			return matcher.group(1).trim();
		}
		return redisMessage.startsWith("ERR ") ? redisMessage.substring(4) : redisMessage;
	}

	static QlessException fromMessage(String command, String message, @Nullable Throwable cause) {
		boolean workerCommand = WORKER_COMMANDS.contains(command);
		if (message.contains("another worker") || message.contains("given out to another")
				|| message.contains("handed out to another")) {
			return new LockLostException(command, message, LockLostException.Reason.OTHER_WORKER, cause);
		}
		if (message.contains("another queue")) {
			return new LockLostException(command, message, LockLostException.Reason.OTHER_QUEUE, cause);
		}
		if (message.contains("not currently running")) {
			return (workerCommand)
					? new LockLostException(command, message, LockLostException.Reason.NOT_RUNNING, cause)
					: new JobStateException(command, message, cause);
		}
		if (message.contains("does not exist") || message.contains("No recurring job")) {
			return (workerCommand) ? new LockLostException(command, message, LockLostException.Reason.JOB_GONE, cause)
					: new JobNotFoundException(command, message, cause);
		}
		if (message.contains("not running") || message.contains("depends state") || message.contains("is a dependency")) {
			return new JobStateException(command, message, cause);
		}
		for (String fragment : ARGUMENT_FRAGMENTS) {
			if (message.contains(fragment)) {
				return new QlessArgumentException(command, message, cause);
			}
		}
		return new QlessException(command, message, cause);
	}

}
