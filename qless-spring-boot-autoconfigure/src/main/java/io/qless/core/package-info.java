/**
 * The qless client: {@code QlessOperations} and {@code QlessTemplate}, the only code that
 * talks to the qless script.
 */
@NullMarked
package io.qless.core;

import org.jspecify.annotations.NullMarked;
