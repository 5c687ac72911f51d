package io.qless.core;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link RecurringOperations} of a {@link QlessTemplate}.
 */
final class DefaultRecurringOperations implements RecurringOperations {

	private final QlessTemplate template;

	private final QlessAdminCommands commands;

	DefaultRecurringOperations(QlessTemplate template, QlessAdminCommands commands) {
		this.template = template;
		this.commands = commands;
	}

	@Override
	public @Nullable RecurringJob get(String jid) {
		return this.template.execute(ofRecurring(jid), this.commands.recurGet(jid));
	}

	@Override
	public @Nullable Instant nextRun(RecurringJob template) {
		Assert.notNull(template, "'template' must not be null");
		return this.template.keys(this.template.router().ofQueue(template.queue())).nextRun(template.queue(),
				template.jid());
	}

	@Override
	public void update(String jid, RecurringUpdate update) {
		this.template.execute(ofRecurring(jid), this.commands.recurUpdate(jid, update));
	}

	@Override
	public List<String> tag(String jid, String... tags) {
		return this.template.execute(ofRecurring(jid), this.commands.recurTag(jid, true, List.of(tags)));
	}

	@Override
	public List<String> untag(String jid, String... tags) {
		return this.template.execute(ofRecurring(jid), this.commands.recurTag(jid, false, List.of(tags)));
	}

	@Override
	public void unrecur(String jid) {
		this.template.execute(ofRecurring(jid), this.commands.unrecur(jid));
	}

	private QlessShard ofRecurring(String jid) {
		return this.template.router().ofRecurring(jid);
	}

}
