/**
 * Spring Boot auto-configuration for qless: the client, the listener containers and the
 * server options written to Redis.
 */
@NullMarked
package io.qless.autoconfigure;

import org.jspecify.annotations.NullMarked;
