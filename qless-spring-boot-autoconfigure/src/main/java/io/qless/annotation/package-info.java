/**
 * Annotations that turn bean methods into qless job handlers: {@link io.qless.annotation.QlessJob}
 * on a class, {@link io.qless.annotation.QueueHandler} on its methods.
 */
@NullMarked
package io.qless.annotation;

import org.jspecify.annotations.NullMarked;
