package io.qless.test.autoconfigure;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;

/**
 * {@link org.springframework.test.context.TestContextBootstrapper} for
 * {@link QlessTest @QlessTest}: adds its {@code properties}.
 */
class QlessTestContextBootstrapper extends TestSliceTestContextBootstrapper<QlessTest> {

}
