package io.qless.dashboard.data;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the dashboard pauses a recurring template, which qless cannot do by itself: it sets the
 * interval to a hundred years, which pushes the next run that far out, and keeps the interval
 * to restore in a tag {@code qless-dashboard:paused:<seconds>} (visible to other clients, and
 * never copied to a child since none is spawned while paused). Resuming sets the interval
 * back, which brings the next run back to where it was: runs missed meanwhile are caught up
 * as the template's backlog allows.
 */
public final class RecurringPause {

	/** The interval of a paused template. */
	public static final Duration PAUSED_INTERVAL = Duration.ofDays(36525);

	/** Prefix of the tag that keeps the interval of a paused template. */
	public static final String TAG_PREFIX = "qless-dashboard:paused:";

	private RecurringPause() {
	}

	/**
	 * Return the tag that marks a template paused.
	 * @param interval the interval to restore
	 * @return the tag
	 */
	public static String tag(Duration interval) {
		return TAG_PREFIX + interval.getSeconds();
	}

	/**
	 * Return the interval a paused template had.
	 * @param tags the template's tags
	 * @return the interval in seconds, or {@code null} if the template is not paused
	 */
	public static @org.jspecify.annotations.Nullable Long pausedInterval(List<String> tags) {
		for (String tag : tags) {
			if (tag.startsWith(TAG_PREFIX)) {
				try {
					return Long.parseLong(tag.substring(TAG_PREFIX.length()));
				}
				catch (NumberFormatException ex) {
					return null;
				}
			}
		}
		return null;
	}

	/**
	 * Return the tags without the pause marker.
	 * @param tags the template's tags
	 * @return the other tags
	 */
	public static List<String> visibleTags(List<String> tags) {
		List<String> visible = new ArrayList<>(tags.size());
		for (String tag : tags) {
			if (!tag.startsWith(TAG_PREFIX)) {
				visible.add(tag);
			}
		}
		return List.copyOf(visible);
	}

}
