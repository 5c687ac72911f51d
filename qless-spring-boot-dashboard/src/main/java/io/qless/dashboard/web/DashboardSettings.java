package io.qless.dashboard.web;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How the dashboard behaves, fixed at startup.
 *
 * @param path the path the dashboard is served at (starts with {@code /}, no trailing
 * {@code /})
 * @param readOnly whether every action is hidden and refused
 * @param showData whether job data is displayed
 * @param refreshInterval the time between two refreshes without events, and the first
 * polling interval
 * @param eventStreamTimeout how long an event stream stays open
 */
public record DashboardSettings(String path, boolean readOnly, boolean showData, Duration refreshInterval,
		Duration eventStreamTimeout) {

	/**
	 * Check the settings and normalize the path.
	 * @param path the path
	 * @param readOnly whether read-only
	 * @param showData whether job data is displayed
	 * @param refreshInterval the refresh interval
	 * @param eventStreamTimeout the event stream timeout
	 */
	public DashboardSettings {
		path = normalize(path);
		Assert.isTrue(!refreshInterval.isNegative() && !refreshInterval.isZero(),
				"'refreshInterval' must be positive");
		Assert.notNull(eventStreamTimeout, "'eventStreamTimeout' must not be null");
	}

	/**
	 * Normalize a dashboard path: leading {@code /}, no trailing {@code /}.
	 * @param path the configured path
	 * @return the normalized path
	 */
	public static String normalize(String path) {
		Assert.hasText(path, "'path' must not be empty");
		String normalized = path.trim();
		if (!normalized.startsWith("/")) {
			normalized = "/" + normalized;
		}
		while (normalized.length() > 1 && normalized.endsWith("/")) {
			normalized = normalized.substring(0, normalized.length() - 1);
		}
		Assert.isTrue(!"/".equals(normalized), "The dashboard path must not be '/'");
		Assert.isTrue(!normalized.contains("*") && !normalized.contains("{"),
				() -> "The dashboard path must be a plain path: " + path);
		return normalized;
	}

}
