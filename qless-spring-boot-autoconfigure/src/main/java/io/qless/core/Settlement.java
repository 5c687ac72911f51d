package io.qless.core;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a worker does with a job it holds, for {@link QueueOperations#settle}: complete it,
 * complete it into another queue, retry it or fail it. Each is the same as the single
 * command ({@code complete}, {@code retry}, {@code fail}), except that completing keeps the
 * job's data as it is stored.
 */
public sealed interface Settlement {

	/**
	 * Return the job.
	 * @return the jid
	 */
	String jid();

	/**
	 * Return the queue the worker holds the job in.
	 * @return the queue
	 */
	String queue();

	/**
	 * Return the single command this settlement is the same as, as exceptions name it.
	 * @return {@code complete}, {@code retry} or {@code fail}
	 */
	String command();

	/**
	 * Complete a job.
	 * @param jid the job
	 * @param queue the queue the worker holds it in
	 * @param data the job's data as popped (see {@link Complete})
	 * @return the settlement
	 */
	static Settlement complete(String jid, String queue, String data) {
		return new Complete(jid, queue, data);
	}

	/**
	 * Complete a job into another queue.
	 * @param jid the job
	 * @param queue the queue the worker holds it in
	 * @param data the job's data as popped (see {@link Complete})
	 * @param next the queue it moves to
	 * @param delay how long it waits there
	 * @param depends jobs that must complete first
	 * @return the settlement
	 */
	static Settlement advance(String jid, String queue, String data, String next, Duration delay,
			List<String> depends) {
		return new Advance(jid, queue, data, next, delay, depends);
	}

	/**
	 * Retry a job after {@code delay}, using up a retry.
	 * @param jid the job
	 * @param queue the queue the worker holds it in
	 * @param delay the delay
	 * @param group the failure group to record, or {@code null}
	 * @param message the failure message to record, or {@code null}
	 * @return the settlement
	 */
	static Settlement retry(String jid, String queue, Duration delay, @Nullable String group,
			@Nullable String message) {
		return new Retry(jid, queue, delay, group, message);
	}

	/**
	 * Fail a job.
	 * @param jid the job
	 * @param queue the queue the worker holds it in
	 * @param group the failure group
	 * @param message the failure message
	 * @return the settlement
	 */
	static Settlement fail(String jid, String queue, String group, String message) {
		return new Fail(jid, queue, group, message);
	}

	/**
	 * Complete. This project's script keeps the data stored with the job; {@code data} is
	 * what a script without {@code settle} is given to store, so pass the data the job was
	 * popped with.
	 *
	 * @param jid the job
	 * @param queue the queue
	 * @param data the job's data as popped (JSON text)
	 */
	record Complete(String jid, String queue, String data) implements Settlement {

		public Complete {
			Assert.hasText(jid, "'jid' must not be empty");
			Assert.hasText(queue, "'queue' must not be empty");
			Assert.notNull(data, "'data' must not be null");
		}

		@Override
		public String command() {
			return "complete";
		}

	}

	/**
	 * Complete into another queue, keeping the job's data as {@link Complete} does.
	 *
	 * @param jid the job
	 * @param queue the queue
	 * @param data the job's data as popped (JSON text)
	 * @param next the next queue
	 * @param delay the delay there
	 * @param depends jobs to wait for there
	 */
	record Advance(String jid, String queue, String data, String next, Duration delay,
			List<String> depends) implements Settlement {

		public Advance {
			Assert.hasText(jid, "'jid' must not be empty");
			Assert.hasText(queue, "'queue' must not be empty");
			Assert.notNull(data, "'data' must not be null");
			Assert.hasText(next, "'next' must not be empty");
			Assert.isTrue(delay != null && !delay.isNegative(), "'delay' must not be negative");
			depends = List.copyOf(depends);
		}

		@Override
		public String command() {
			return "complete";
		}

	}

	/**
	 * Retry.
	 *
	 * @param jid the job
	 * @param queue the queue
	 * @param delay the delay
	 * @param group the failure group, or {@code null}
	 * @param message the failure message, or {@code null}
	 */
	record Retry(String jid, String queue, Duration delay, @Nullable String group,
			@Nullable String message) implements Settlement {

		public Retry {
			Assert.hasText(jid, "'jid' must not be empty");
			Assert.hasText(queue, "'queue' must not be empty");
			Assert.isTrue(delay != null && !delay.isNegative(), "'delay' must not be negative");
		}

		@Override
		public String command() {
			return "retry";
		}

	}

	/**
	 * Fail.
	 *
	 * @param jid the job
	 * @param queue the queue
	 * @param group the failure group
	 * @param message the failure message
	 */
	record Fail(String jid, String queue, String group, String message) implements Settlement {

		public Fail {
			Assert.hasText(jid, "'jid' must not be empty");
			Assert.hasText(group, "'group' must not be empty");
			Assert.notNull(message, "'message' must not be null");
		}

		@Override
		public String command() {
			return "fail";
		}

	}

}
