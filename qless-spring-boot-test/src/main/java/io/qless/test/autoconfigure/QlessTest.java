package io.qless.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.OverrideAutoConfiguration;
import org.springframework.boot.test.context.filter.annotation.TypeExcludeFilters;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.BootstrapWith;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A test slice for qless jobs: starts the qless auto-configuration (template, listener
 * containers), the application's handler beans (classes annotated {@code @QlessJob} or
 * with {@code @QueueHandler} methods, or only the {@link #handlers()} given) and the
 * beans that shape how they run (error handlers, interceptors, customizers), on a test
 * Redis, with the test support of {@link AutoConfigureQlessTest}: the test clock,
 * {@link io.qless.test.jobs.QlessTestJobs} and a clean database for each test. Other
 * components and auto-configurations are not started.
 *
 * <pre class="code">
 * &#64;QlessTest
 * class GnomesJobTests {
 *
 *     &#64;Autowired QlessOperations qless;
 *
 *     &#64;Autowired QlessTestJobs jobs;
 *
 *     &#64;Test
 *     void orderGoesThroughThePipeline() {
 *         String jid = qless.queue("underpants").put(GnomesJob.KLASS, GnomeOrder.to("1 Brief St."));
 *         jobs.drain("underpants", "unknown", "profit");
 *         assertThat(qless.jobs().get(jid)).isComplete();
 *     }
 *
 * }
 * </pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@BootstrapWith(QlessTestContextBootstrapper.class)
@ExtendWith(SpringExtension.class)
@OverrideAutoConfiguration(enabled = false)
@TypeExcludeFilters(QlessTypeExcludeFilter.class)
@AutoConfigureQless
@AutoConfigureQlessTest
@ImportAutoConfiguration
public @interface QlessTest {

	/**
	 * Properties in form {@literal key=value} to add to the environment before the test
	 * runs.
	 * @return the properties to add
	 */
	String[] properties() default {};

	/**
	 * The handler beans to start; all classes annotated {@code @QlessJob} or with
	 * {@code @QueueHandler} methods when empty.
	 * @return the handler classes
	 */
	Class<?>[] handlers() default {};

	/**
	 * Whether a put runs its jobs' handlers in the calling thread: the inline mode, for
	 * tests of code that puts jobs.
	 * @return whether to run jobs inline
	 */
	@AliasFor(annotation = AutoConfigureQlessTest.class)
	boolean inline() default false;

	/**
	 * Whether to empty the test database before each test method.
	 * @return whether to start each test afresh
	 */
	@AliasFor(annotation = AutoConfigureQlessTest.class)
	boolean flushBeforeEach() default true;

	/**
	 * Whether the default filtering is used with {@code @SpringBootApplication}: only
	 * handler beans and qless strategies are included.
	 * @return whether to use the default filters
	 */
	boolean useDefaultFilters() default true;

	/**
	 * Filters that add beans to the slice, for example the service that puts jobs.
	 * @return the include filters
	 */
	Filter[] includeFilters() default {};

	/**
	 * Filters that take beans out of the slice.
	 * @return the exclude filters
	 */
	Filter[] excludeFilters() default {};

	/**
	 * Auto-configurations to leave out of this test.
	 * @return the auto-configurations to exclude
	 */
	@AliasFor(annotation = ImportAutoConfiguration.class, attribute = "exclude")
	Class<?>[] excludeAutoConfiguration() default {};

}
