package io.qless.core;

/**
 * The command vocabulary the template speaks to Redis. Both run the same data model, so
 * jobs, queues and throttles are shared whichever dialect each client uses.
 */
public enum QlessDialect {

	/** The qless-core commands ({@code put}, {@code complete}, ...), script {@code qless.lua}. */
	QLESS,

	/**
	 * The reqless commands ({@code queue.put}, {@code job.complete}, ...), script
	 * {@code reqless.lua}: for databases shared with reqless clients (reqless-py, -rb, -cs).
	 */
	REQLESS

}
