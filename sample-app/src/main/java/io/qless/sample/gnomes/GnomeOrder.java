package io.qless.sample.gnomes;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * An order for the gnomes, as any qless client puts it: {@code {"address": "123 Brief St."}}.
 * Unknown fields are ignored and the optional ones may be left out, which is why they are
 * wrapper types: Jackson 3 refuses to read a missing field into a primitive.
 *
 * @param address where the underpants are
 * @param flaky whether the first attempt fails (to show a retry with back-off)
 * @param bad whether the order is hopeless (to show a permanent failure)
 * @param workMs how long collecting takes, in milliseconds (to show long jobs)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GnomeOrder(String address, @Nullable Boolean flaky, @Nullable Boolean bad,
		@JsonProperty("work_ms") @Nullable Long workMs) {

	/**
	 * Return a plain order.
	 * @param address the address
	 * @return the order
	 */
	public static GnomeOrder to(String address) {
		return new GnomeOrder(address, null, null, null);
	}

	boolean isFlaky() {
		return Boolean.TRUE.equals(this.flaky);
	}

	boolean isBad() {
		return Boolean.TRUE.equals(this.bad);
	}

	long workMillis() {
		return (this.workMs != null) ? this.workMs : 0;
	}

}
