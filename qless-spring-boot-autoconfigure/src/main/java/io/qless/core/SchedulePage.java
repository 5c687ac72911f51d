package io.qless.core;

import java.util.List;

/**
 * A page of the schedules, in name order.
 *
 * @param total how many schedules there are
 * @param schedules the schedules of the page
 */
public record SchedulePage(long total, List<ScheduleInfo> schedules) {

	public SchedulePage {
		schedules = List.copyOf(schedules);
	}

}
