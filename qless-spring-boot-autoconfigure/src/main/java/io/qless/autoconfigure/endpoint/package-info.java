/**
 * Auto-configuration of the {@code qless} Actuator endpoint.
 */
@NullMarked
package io.qless.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
