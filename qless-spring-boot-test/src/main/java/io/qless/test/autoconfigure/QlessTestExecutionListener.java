package io.qless.test.autoconfigure;

import io.qless.test.jobs.JobRecorder;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Before each test method of a test that uses the qless test support, forgets the jobs
 * run so far, empties the test database and sets the test clock back (see
 * {@code qless.test.flush-before-each}).
 * Registered in {@code META-INF/spring.factories}; does nothing for other tests.
 */
public final class QlessTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		// After dependency injection, before transactions and before the test's own @BeforeEach.
		return 3_000;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		context.getBeanProvider(JobRecorder.class).ifAvailable(JobRecorder::clear);
		context.getBeanProvider(TestDatabase.class).ifAvailable(TestDatabase::reset);
	}

}
