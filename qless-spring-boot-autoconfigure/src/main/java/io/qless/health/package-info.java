/**
 * The qless health indicator.
 */
@NullMarked
package io.qless.health;

import org.jspecify.annotations.NullMarked;
