package io.qless.producer;

import org.jspecify.annotations.Nullable;

/**
 * Root object of the {@code #{...}} expressions a handler declares for the jobs the
 * application puts (throttle ids, tags, priority, retries, delay), evaluated for each put:
 * {@code "tenant-#{payload.tenantId}"}. Beans are reachable as {@code @beanName}; map
 * payloads (and JSON payloads given as {@link io.qless.core.RawJson}, read as maps) by key
 * as {@code payload.key}.
 *
 * @param payload the payload being put
 * @param klass the job's class name
 * @param queue the queue it is put into
 * @param jid the job id, or {@code null} if the script is to generate it
 */
public record PutExpressionRoot(@Nullable Object payload, String klass, String queue, @Nullable String jid) {

}
