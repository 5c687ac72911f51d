/**
 * AssertJ assertions on qless jobs: {@code QlessAssertions.assertThat(job).isComplete()}.
 */
@NullMarked
package io.qless.test.assertj;

import org.jspecify.annotations.NullMarked;
