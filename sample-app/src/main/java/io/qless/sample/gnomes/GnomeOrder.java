package io.qless.sample.gnomes;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An order for the gnomes, as any qless client puts it: {@code {"address": "123 Brief St."}}.
 * Unknown fields are ignored.
 *
 * @param address where the underpants are
 * @param flaky whether the first attempt fails (to show a retry with back-off)
 * @param bad whether the order is hopeless (to show a permanent failure)
 * @param workMs how long collecting takes, in milliseconds (to show long jobs)
 */
public record GnomeOrder(String address, boolean flaky, boolean bad, @JsonProperty("work_ms") long workMs) {

	/**
	 * Return a plain order.
	 * @param address the address
	 * @return the order
	 */
	public static GnomeOrder to(String address) {
		return new GnomeOrder(address, false, false, 0);
	}

}
