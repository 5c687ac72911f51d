package io.qless.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean whose {@link QueueHandler} methods run qless jobs of one {@code klass}.
 * <p>
 * qless dispatches by the job's {@code klass} and queue, as the Ruby and Python workers do:
 * a job put with {@code klass "gnomes.GnomesJob"} into queue {@code underpants} runs in the
 * {@code @QueueHandler("underpants")} method of the bean annotated
 * {@code @QlessJob("gnomes.GnomesJob")}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface QlessJob {

	/**
	 * Job class names this bean handles, as other qless clients put them; the first is the
	 * one to put with. Several names let one handler serve producers that name the job
	 * differently: Python's {@code "gnomes.GnomesJob"} and Ruby's {@code "Gnomes::GnomesJob"}
	 * (Ruby workers constantize the klass). Defaults to the bean class's fully qualified
	 * name. {@code ${...}} placeholders and SpEL {@code #{...}} expressions are resolved.
	 * @return the klass names
	 */
	String[] value() default {};

	/**
	 * Throttles for jobs of this class that this application puts through the template,
	 * in any queue; see {@link QueueHandler#throttles()}.
	 * @return the throttle ids
	 */
	String[] throttles() default {};

	/**
	 * Tags for jobs of this class that this application puts, in any queue; see
	 * {@link QueueHandler#tags()}.
	 * @return the tags
	 */
	String[] tags() default {};

	/**
	 * Priority of jobs of this class that this application puts without one; see
	 * {@link QueueHandler#priority()}.
	 * @return the priority
	 */
	String priority() default "";

	/**
	 * Retries of jobs of this class that this application puts without a number; see
	 * {@link QueueHandler#retries()}.
	 * @return the retries
	 */
	String retries() default "";

	/**
	 * Delay of jobs of this class that this application puts without one; see
	 * {@link QueueHandler#delay()}.
	 * @return the delay
	 */
	String delay() default "";

	/**
	 * Unique key of jobs of this class that this application puts without one, in any
	 * queue; see {@link QueueHandler#unique()}.
	 * @return the unique key
	 */
	String unique() default "";

	/**
	 * How long the unique key is held; see {@link QueueHandler#uniqueMode()}.
	 * @return the unique mode
	 */
	String uniqueMode() default "";

	/**
	 * Longest the unique key lives after a put; see {@link QueueHandler#uniqueTtl()}.
	 * @return the unique key's time to live
	 */
	String uniqueTtl() default "";

}
