/**
 * Put-time settings declared on handlers (throttles), applied by the template to every job the application puts.
 */
@NullMarked
package io.qless.producer;

import org.jspecify.annotations.NullMarked;
