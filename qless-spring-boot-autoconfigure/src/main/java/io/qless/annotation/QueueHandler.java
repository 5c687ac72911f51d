package io.qless.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.qless.handler.JobHeader;
import io.qless.producer.PutExpressionRoot;

/**
 * Marks a method of a {@link QlessJob} bean as the handler for the bean's jobs in one or
 * more queues.
 * <p>
 * Parameters are resolved from the job: a {@link io.qless.handler.QlessJobContext} (the
 * job handle), parameters annotated with {@link JobHeader} (jid, queue, tags, ...), and
 * at most one other parameter that receives the job's data converted to the parameter's
 * type by the payload converter (Jackson by default; {@code Map<String, Object>} or
 * {@code JsonNode} for the raw data). Data that cannot become the parameter, {@code null}
 * data for a parameter not declared {@code @Nullable} included, fails the job at once.
 * <p>
 * Returning normally completes the job; returning a {@link io.qless.handler.Next}
 * completes it into the next queue. A thrown exception goes to the container's
 * {@link io.qless.listener.QlessErrorHandler}, by default: retried with a back-off delay
 * while the job has retries left, failed otherwise or when the exception is not
 * retryable.
 * <p>
 * String attributes accept {@code ${...}} placeholders and SpEL {@code #{...}}
 * expressions; an empty attribute means "use the container factory's default".
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface QueueHandler {

	/**
	 * Queues whose jobs this method handles.
	 * @return the queue names
	 */
	String[] value();

	/**
	 * Id of this handler, by which its containers are paused and resumed (registry and
	 * Actuator endpoint); by default {@code <bean class simple name>.<method name>}.
	 * @return the id
	 */
	String id() default "";

	/**
	 * Number of jobs of this queue run at the same time by this application, e.g.
	 * {@code "8"}.
	 * @return the concurrency
	 */
	String concurrency() default "";

	/**
	 * Delay before the first retry of a failed attempt, as a duration ({@code "5s"},
	 * {@code "PT5S"}, {@code "500ms"}).
	 * @return the initial back-off
	 */
	String backOffInitial() default "";

	/**
	 * Factor applied to the back-off delay for each further retry; {@code "1"} for a fixed
	 * delay.
	 * @return the back-off multiplier
	 */
	String backOffMultiplier() default "";

	/**
	 * Longest back-off delay, as a duration.
	 * @return the maximum back-off
	 */
	String backOffMax() default "";

	/**
	 * Exceptions that fail the job at once instead of retrying it (subclasses included),
	 * in addition to the container factory's list.
	 * @return the non-retryable exception types
	 */
	Class<? extends Throwable>[] nonRetryable() default {};

	/**
	 * qless failure group for jobs this method fails; by default the exception's class
	 * name.
	 * @return the failure group
	 */
	String failureGroup() default "";

	/**
	 * Whether the queue's container starts with the application context, {@code "true"} or
	 * {@code "false"}.
	 * @return whether to start automatically
	 */
	String autoStartup() default "";

	/**
	 * Longest this method may run for one job, as a duration ({@code "5m"},
	 * {@code "PT30S"}); {@code "0"} for no limit. At the timeout the container stops
	 * heartbeating the job (qless hands it to another worker once its lease ends),
	 * interrupts the handler, frees its slot and counts the outcome {@code timed_out}. By
	 * default the factory's {@code qless.listener.handler-timeout}.
	 * @return the timeout
	 */
	String timeout() default "";

	/**
	 * Bean name of the {@link io.qless.listener.QlessListenerContainerFactory} that builds
	 * the queue's container; by default {@value #DEFAULT_CONTAINER_FACTORY}.
	 * @return the container factory bean name
	 */
	String containerFactory() default "";

	/**
	 * Throttles for jobs of this handler's class and queues that this application puts
	 * through the template: each such job runs only while it holds a lock on every one of
	 * them (see {@link io.qless.core.ThrottleOperations}). {@code ${...}} placeholders are
	 * resolved at startup; {@code #{...}} expressions are evaluated for each put against a
	 * {@link PutExpressionRoot}, so ids can depend on the payload:
	 * {@code "tenant-#{payload.tenantId}"}. Jobs put by other clients keep the throttles
	 * they were put with.
	 * @return the throttle ids
	 */
	String[] throttles() default {};

	/**
	 * Tags for jobs of this handler's class and queues that this application puts through
	 * the template, added to the request's own. {@code ${...}} is resolved at startup and
	 * {@code #{...}} for each put, as for {@link #throttles()}:
	 * {@code "customer-#{payload.customerId}"}.
	 * @return the tags
	 */
	String[] tags() default {};

	/**
	 * Priority of jobs of this handler's class and queues that this application puts
	 * without one (higher pops first), e.g. {@code "10"} or {@code "#{payload.vip ? 10 : 0}"}.
	 * @return the priority
	 */
	String priority() default "";

	/**
	 * Retries of jobs of this handler's class and queues that this application puts
	 * without a number, e.g. {@code "3"}.
	 * @return the retries
	 */
	String retries() default "";

	/**
	 * Delay of jobs of this handler's class and queues that this application puts without
	 * one, as a duration ({@code "10m"}, {@code "PT10M"}) or seconds.
	 * @return the delay
	 */
	String delay() default "";

	/**
	 * Unique key of jobs of this handler's class and queues that this application puts
	 * without one: while a job holding the key is in flight (see {@link #uniqueMode()}), a
	 * put with the same key creates no job and returns the holder's jid. Usually an
	 * expression on the payload, evaluated for each put: {@code "order-#{payload.orderId}"};
	 * a key that yields an empty text puts the job without one. Keys are global across
	 * queues and klasses. See {@link io.qless.core.PutRequest#unique(String)}.
	 * @return the unique key
	 */
	String unique() default "";

	/**
	 * How long the {@link #unique()} key is held and what a duplicate put does:
	 * {@code "finish"} (the default: until the job completes, fails or is canceled),
	 * {@code "start"} (until it is popped) or {@code "debounce"} (until it is popped; a
	 * duplicate replaces the waiting job's payload and pushes its start back). See
	 * {@link io.qless.core.UniqueMode}.
	 * @return the unique mode
	 */
	String uniqueMode() default "";

	/**
	 * Longest the {@link #unique()} key lives after a put, as a duration ({@code "1h"},
	 * {@code "PT1H"}) or seconds, {@code "0"} for no limit: a safety net for a holder that
	 * never finishes. By default the put's delay plus 30 days.
	 * @return the unique key's time to live
	 */
	String uniqueTtl() default "";

	/** Bean name of the container factory used when none is named. */
	String DEFAULT_CONTAINER_FACTORY = "qlessListenerContainerFactory";

}
