package io.qless.dashboard.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The named throttles the throttles page lists: qless keeps no list of them, so these are the
 * ones the application knows (declared on handlers or in {@code qless.throttles}), plus the
 * one a user looks up.
 */
public final class ThrottleNames {

	private final Supplier<Collection<String>> known;

	/**
	 * Create a new instance.
	 * @param known the throttle ids the application knows, queue throttles included or not
	 */
	public ThrottleNames(Supplier<Collection<String>> known) {
		this.known = known;
	}

	/**
	 * Return the known named throttles, plus one more.
	 * @param asked a throttle id to add, or {@code null}
	 * @return the ids, queue throttles left out (the page lists those by queue)
	 */
	public List<String> with(@Nullable String asked) {
		List<String> ids = new ArrayList<>();
		if (asked != null) {
			ids.add(asked);
		}
		for (String id : this.known.get()) {
			if (!id.startsWith(io.qless.core.Throttle.QUEUE_PREFIX) && !ids.contains(id)) {
				ids.add(id);
			}
		}
		return List.copyOf(ids);
	}

}
