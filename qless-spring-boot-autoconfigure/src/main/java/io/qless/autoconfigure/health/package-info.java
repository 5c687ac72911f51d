/**
 * Auto-configuration of the qless health indicator.
 */
@NullMarked
package io.qless.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
