package io.qless.core;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Operations on recurring job templates, obtained from {@link QlessOperations#recurring()}.
 * Templates are created with {@link QueueOperations#recur(RecurRequest)}. Every method is
 * one round trip.
 */
public interface RecurringOperations {

	/**
	 * Return a template.
	 * @param jid the template jid
	 * @return the template, or {@code null} if it does not exist
	 */
	@Nullable RecurringJob get(String jid);

	/**
	 * Return when a template spawns its next child (the next {@code pop} or {@code peek} of
	 * its queue at or after that time does).
	 * @param template the template
	 * @return the time, or {@code null} if the template is gone
	 */
	@Nullable Instant nextRun(RecurringJob template);

	/**
	 * Change a template; the changes apply to children spawned afterwards.
	 * @param jid the template jid
	 * @param update the changes
	 */
	void update(String jid, RecurringUpdate update);

	/**
	 * Add tags to a template.
	 * @param jid the template jid
	 * @param tags the tags
	 * @return the template's tags
	 */
	List<String> tag(String jid, String... tags);

	/**
	 * Remove tags from a template.
	 * @param jid the template jid
	 * @param tags the tags
	 * @return the template's tags
	 */
	List<String> untag(String jid, String... tags);

	/**
	 * Delete a template; children already spawned stay.
	 * @param jid the template jid
	 */
	void unrecur(String jid);

}
