/**
 * Typed qless pub/sub events ({@code ql:log}, worker channels and tracked-job channels) and
 * their subscription through Spring Data Redis' {@code RedisMessageListenerContainer}.
 */
@NullMarked
package io.qless.core.event;

import org.jspecify.annotations.NullMarked;
