package io.qless.core;

import java.time.Duration;
import java.time.Instant;

/**
 * What a quick check of the Redis server found: its clock, compared with this host's, and
 * whether it holds the qless code this client calls.
 *
 * @param redisTime the time Redis reported ({@code TIME})
 * @param clockOffset how far Redis's clock is ahead of this host's (negative when behind),
 * measured against the middle of the round trip so that a slow network does not look like
 * skew
 * @param roundTrip how long the {@code TIME} round trip took
 * @param codeLoaded whether Redis holds the script or function library (it is loaded on
 * first use, so {@code false} is no error)
 * @param callMode how calls reach Redis: {@code FCALL <function>} or {@code EVALSHA <sha>}
 * @param codeId the SHA-1 of the script, or the name of the function library, this client
 * calls in its dialect
 * @param dialect the command vocabulary this client speaks
 */
public record ServerStatus(Instant redisTime, Duration clockOffset, Duration roundTrip, boolean codeLoaded,
		String callMode, String codeId, QlessDialect dialect) {

}
