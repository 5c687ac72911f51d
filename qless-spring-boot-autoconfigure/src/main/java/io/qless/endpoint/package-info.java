/**
 * The qless Actuator endpoint.
 */
@NullMarked
package io.qless.endpoint;

import org.jspecify.annotations.NullMarked;
