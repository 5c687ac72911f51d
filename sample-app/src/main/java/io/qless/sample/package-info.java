/**
 * The qless sample application.
 */
@NullMarked
package io.qless.sample;

import org.jspecify.annotations.NullMarked;
