/**
 * Running qless jobs in tests: a {@link io.qless.test.jobs.QlessTestClock} the template and
 * the containers take {@code now} from, {@link io.qless.test.jobs.QlessTestJobs} to drain
 * queues and await jobs, and the inline mode that runs a put's handler in the calling
 * thread. For tests only.
 */
@NullMarked
package io.qless.test.jobs;

import org.jspecify.annotations.NullMarked;
