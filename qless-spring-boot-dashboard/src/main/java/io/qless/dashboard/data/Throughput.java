package io.qless.dashboard.data;

import java.time.Instant;
import java.util.List;

/**
 * Jobs completed and failed per minute over the last hour and per hour over the last day,
 * or the reason why they are not available.
 *
 * @param minutes the last 60 minutes, oldest first
 * @param hours the last 24 hours, oldest first
 * @param unavailableReason why there are no figures, or {@code null} if there are
 */
public record Throughput(List<Bucket> minutes, List<Bucket> hours,
		@org.jspecify.annotations.Nullable String unavailableReason) {

	/**
	 * Return throughput figures that are not available.
	 * @param reason why
	 * @return the throughput
	 */
	public static Throughput unavailable(String reason) {
		return new Throughput(List.of(), List.of(), reason);
	}

	/**
	 * Return whether there are figures.
	 * @return whether available
	 */
	public boolean available() {
		return this.unavailableReason == null;
	}

	/**
	 * Jobs completed and failed within one minute or hour.
	 *
	 * @param at the start of the minute or hour
	 * @param completed jobs completed
	 * @param failed jobs failed
	 */
	public record Bucket(Instant at, long completed, long failed) {

	}

}
