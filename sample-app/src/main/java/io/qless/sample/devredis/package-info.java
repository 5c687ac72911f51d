/**
 * A development fallback: when no Redis is configured and none answers on localhost:6379,
 * the sample app starts one for itself.
 */
@NullMarked
package io.qless.sample.devredis;

import org.jspecify.annotations.NullMarked;
