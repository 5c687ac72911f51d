package io.qless.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a job for a {@link QueueHandler} on a schedule: a cron expression in a time zone, or
 * a fixed interval. On a handler method, the job goes into the handler's queue (its only
 * one, or {@link #queue()}); on a {@link QlessJob} class, into {@link #queue()} or the one
 * queue its handlers serve. The job's class name is the bean's first klass name. Repeatable.
 * <pre class="code">
 * &#64;QueueHandler("reports")
 * &#64;QlessSchedule(cron = "0 30 2 * * *", zone = "Europe/Paris", data = "{\"kind\":\"daily\"}")
 * &#64;QlessSchedule(name = "reports.weekly", cron = "0 0 6 * * MON", zone = "Europe/Paris")
 * void build(ReportRequest request) { ... }
 * </pre>
 * The schedule lives in Redis under its name and is registered when the application starts
 * (left alone if its definition is the same, updated and logged if not). Cron schedules are
 * fired by the scheduler of any instance, exactly once per fire time; interval schedules
 * are qless recurring templates, spawned by whichever qless client pops the queue. The
 * throttles, tags, priority and retries declared on the handler (or {@link QlessJob}) apply
 * as they do to the template's puts.
 * <p>
 * String attributes accept {@code ${...}} placeholders and SpEL {@code #{...}}
 * expressions, resolved once at startup.
 */
@Target({ ElementType.METHOD, ElementType.TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(QlessSchedules.class)
public @interface QlessSchedule {

	/**
	 * Name of the schedule, unique in the Redis database; by default
	 * {@code <bean class simple name>.<method name>} on a method and
	 * {@code <bean class simple name>} on a class. Of several on one element, all but one
	 * need a name.
	 * @return the name
	 */
	String name() default "";

	/**
	 * Cron expression, six fields with seconds first ({@code "0 *}{@code /5 * * * *"}) or a
	 * macro ({@code "@hourly"}, {@code "@daily"}, ...), as Spring's {@code CronExpression}
	 * reads them. Either this or {@link #interval()}.
	 * @return the cron expression
	 */
	String cron() default "";

	/**
	 * Time zone the cron expression is read in, e.g. {@code "Europe/Paris"}; UTC by default.
	 * @return the zone id
	 */
	String zone() default "";

	/**
	 * Interval between two jobs, whole seconds ({@code "PT5M"}, {@code "5m"}, {@code "300"}
	 * seconds), kept as a qless recurring template. Either this or {@link #cron()}.
	 * @return the interval
	 */
	String interval() default "";

	/**
	 * Queue to put the jobs in; by default the handler's only queue.
	 * @return the queue
	 */
	String queue() default "";

	/**
	 * Data of each job, JSON text; {@code {}} by default.
	 * @return the data
	 */
	String data() default "";

	/**
	 * Priority of the jobs; the handler's declared priority, or 0, by default.
	 * @return the priority
	 */
	String priority() default "";

	/**
	 * Tags of the jobs, added to the handler's declared ones.
	 * @return the tags
	 */
	String[] tags() default {};

	/**
	 * Retries of the jobs; the handler's declared retries, or qless's 5, by default.
	 * @return the retries
	 */
	String retries() default "";

	/**
	 * Throttles of the jobs, added to the handler's declared ones.
	 * @return the throttle ids
	 */
	String[] throttles() default {};

	/**
	 * What to do about fire times missed while no instance ran: {@code "fire-once"} (the
	 * default: one job for all of them), {@code "skip"} (none, cron only) or
	 * {@code "fire-all"} (one each, at most 100).
	 * @return the misfire policy
	 */
	String misfire() default "";

}
