package io.qless.core;

/**
 * A command would tie together two shards: a dependency on a job of another shard, a job
 * moved on ({@code Next}) or requeued into a queue of another shard, or a throttle of
 * another shard's queue. Each shard is a complete, separate qless key space that one script
 * call sees alone, so the client refuses such commands before sending them.
 */
public class CrossShardException extends QlessArgumentException {

	/**
	 * Create a new instance.
	 * @param command the qless command that was refused
	 * @param message what would have crossed shards
	 */
	public CrossShardException(String command, String message) {
		super(command, message, null);
	}

}
