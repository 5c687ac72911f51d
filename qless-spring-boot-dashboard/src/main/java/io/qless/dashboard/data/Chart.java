package io.qless.dashboard.data;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A bar chart of completed and failed jobs, laid out for an SVG of {@link #WIDTH} by
 * {@link #HEIGHT} units: each bar's failed part sits on its completed part.
 *
 * @param title the chart title
 * @param bars the bars, oldest first
 * @param maximum the largest bar total (the top of the scale)
 * @param completed completed jobs over the whole period
 * @param failed failed jobs over the whole period
 * @param start where the time axis starts, e.g. "60 min ago"
 */
public record Chart(String title, List<Bar> bars, long maximum, long completed, long failed, String start) {

	/** Width of the drawing. */
	public static final int WIDTH = 600;

	/** Height of the drawing. */
	public static final int HEIGHT = 120;

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

	/**
	 * Lay out a chart.
	 * @param title the title
	 * @param start where the time axis starts
	 * @param buckets the figures, oldest first
	 * @return the chart
	 */
	public static Chart of(String title, String start, List<Throughput.Bucket> buckets) {
		long maximum = 1;
		long completed = 0;
		long failed = 0;
		for (Throughput.Bucket bucket : buckets) {
			maximum = Math.max(maximum, bucket.completed() + bucket.failed());
			completed += bucket.completed();
			failed += bucket.failed();
		}
		List<Bar> bars = new ArrayList<>(buckets.size());
		double slot = (buckets.isEmpty()) ? WIDTH : (double) WIDTH / buckets.size();
		for (int i = 0; i < buckets.size(); i++) {
			Throughput.Bucket bucket = buckets.get(i);
			double completedHeight = HEIGHT * (double) bucket.completed() / maximum;
			double failedHeight = HEIGHT * (double) bucket.failed() / maximum;
			String label = MINUTE.format(bucket.at()) + " UTC: " + bucket.completed() + " completed, "
					+ bucket.failed() + " failed";
			bars.add(new Bar(round(i * slot + 1), round(Math.max(1, slot - 2)), round(HEIGHT - completedHeight),
					round(completedHeight), round(HEIGHT - completedHeight - failedHeight), round(failedHeight),
					label));
		}
		return new Chart(title, List.copyOf(bars), maximum, completed, failed, start);
	}

	private static String round(double value) {
		return String.format(java.util.Locale.ROOT, "%.1f", value);
	}

	/**
	 * One bar, in drawing units.
	 *
	 * @param x the left edge
	 * @param width the width
	 * @param completedY the top of the completed part
	 * @param completedHeight the height of the completed part
	 * @param failedY the top of the failed part
	 * @param failedHeight the height of the failed part
	 * @param label what the bar shows, as text
	 */
	public record Bar(String x, String width, String completedY, String completedHeight, String failedY,
			String failedHeight, String label) {

	}

}
