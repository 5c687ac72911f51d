package io.qless.handler;

import java.time.Duration;
import java.util.List;

import org.springframework.util.Assert;

/**
 * Handler result that completes a job into another queue, optionally after a delay or once
 * other jobs have completed: {@code return Next.queue("profit");}. With queues spread over
 * shards ({@code qless.shards.*}) the next queue must be in the job's shard, and so must the
 * jobs it waits for; a move into another shard fails the job with the group
 * {@code io.qless.core.CrossShardException}.
 *
 * @param queue the queue the job moves to
 * @param delay how long the job waits there before it can be popped
 * @param dependsOn jids of jobs that must complete first
 */
public record Next(String queue, Duration delay, List<String> dependsOn) {

	public Next {
		Assert.hasText(queue, "'queue' must not be empty");
		Assert.notNull(delay, "'delay' must not be null");
		Assert.isTrue(!delay.isNegative(), "'delay' must not be negative");
		Assert.notNull(dependsOn, "'dependsOn' must not be null");
		dependsOn = List.copyOf(dependsOn);
	}

	/**
	 * Complete the job into {@code queue} at once.
	 * @param queue the next queue
	 * @return the result
	 */
	public static Next queue(String queue) {
		return new Next(queue, Duration.ZERO, List.of());
	}

	/**
	 * Return a copy that waits {@code delay} in the next queue.
	 * @param delay the delay
	 * @return the result
	 */
	public Next delay(Duration delay) {
		return new Next(this.queue, delay, this.dependsOn);
	}

	/**
	 * Return a copy that waits in the next queue until the given jobs complete.
	 * @param jids the jobs to wait for
	 * @return the result
	 */
	public Next dependsOn(String... jids) {
		return new Next(this.queue, this.delay, List.of(jids));
	}

}
