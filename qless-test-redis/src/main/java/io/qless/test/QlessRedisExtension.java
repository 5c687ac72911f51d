package io.qless.test;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension behind {@link QlessRedisTest}: resolves {@link TestRedis} parameters
 * and empties the test database before each test.
 */
public class QlessRedisExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

	@Override
	public void beforeAll(ExtensionContext context) {
		TestRedis.shared();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		boolean flush = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), QlessRedisTest.class)
			.map(QlessRedisTest::flushBeforeEach)
			.orElse(true);
		if (flush) {
			TestRedis.shared().flush();
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == TestRedis.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return TestRedis.shared();
	}

}
