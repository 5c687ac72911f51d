/**
 * What a handler method works with: the job handle, the {@code Next} result, {@code @JobHeader} parameters and the exceptions handlers see.
 */
@NullMarked
package io.qless.handler;

import org.jspecify.annotations.NullMarked;
