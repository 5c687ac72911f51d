package io.qless.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a {@link io.qless.annotation.QueueHandler} parameter to one attribute of the job, for example
 * {@code @JobHeader(JobHeader.JID) String jid}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface JobHeader {

	/** The job id, a {@code String}. */
	String JID = "jid";

	/** The queue the job was popped from, a {@code String}. */
	String QUEUE = "queue";

	/** The job's class name, a {@code String}. */
	String KLASS = "klass";

	/** The job's tags, a {@code List<String>}. */
	String TAGS = "tags";

	/** The job's priority, an {@code int}. */
	String PRIORITY = "priority";

	/** The retry budget the job was put with, an {@code int}. */
	String RETRIES = "retries";

	/** Retries left, an {@code int}. */
	String RETRIES_LEFT = "remaining";

	/** The job's raw data, the JSON {@code String} as stored. */
	String RAW_DATA = "data";

	/**
	 * Name of the attribute.
	 * @return the attribute name, one of the constants of this annotation
	 */
	String value();

}
