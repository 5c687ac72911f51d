package io.qless.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * {@link JobOperations} of a {@link QlessTemplate}.
 */
final class DefaultJobOperations implements JobOperations {

	private final QlessTemplate template;

	private final QlessCommands commands;

	DefaultJobOperations(QlessTemplate template, QlessCommands commands) {
		this.template = template;
		this.commands = commands;
	}

	@Override
	public @Nullable Job get(String jid) {
		return this.template.execute(this.commands.get(jid));
	}

	@Override
	public List<Job> get(Collection<String> jids) {
		Assert.notNull(jids, "'jids' must not be null");
		return jids.isEmpty() ? List.of() : this.template.execute(this.commands.multiget(jids));
	}

	@Override
	public JobState complete(Job job) {
		Assert.notNull(job, "'job' must not be null");
		return complete(job.jid(), job.worker(), job.queue(), new RawJson(job.data()));
	}

	@Override
	public JobState complete(String jid, String worker, String queue, @Nullable Object data) {
		return this.template.execute(this.commands.complete(jid, worker, queue, data));
	}

	@Override
	public JobState complete(String jid, String worker, String queue, @Nullable Object data, String nextQueue,
			Duration delay, Collection<String> depends) {
		return this.template.execute(this.commands.advance(jid, worker, queue, data, nextQueue, delay, depends));
	}

	@Override
	public String fail(String jid, String worker, String group, String message) {
		return this.template.execute(this.commands.fail(jid, worker, group, message, null, false));
	}

	@Override
	public String fail(String jid, String worker, String group, String message, @Nullable Object data) {
		return this.template.execute(this.commands.fail(jid, worker, group, message, data, true));
	}

	@Override
	public long retry(String jid, String queue, String worker, Duration delay, @Nullable String group,
			@Nullable String message) {
		return this.template.execute(this.commands.retry(jid, queue, worker, delay, group, message));
	}

	@Override
	public Instant heartbeat(String jid, String worker) {
		return this.template.execute(this.commands.heartbeat(jid, worker, null, false));
	}

	@Override
	public Instant heartbeat(String jid, String worker, @Nullable Object data) {
		return this.template.execute(this.commands.heartbeat(jid, worker, data, true));
	}

	@Override
	public List<String> cancel(Collection<String> jids) {
		return this.template.execute(this.commands.cancel(jids));
	}

	@Override
	public List<String> cancel(String... jids) {
		return cancel(List.of(jids));
	}

	@Override
	public long priority(String jid, int priority) {
		return this.template.execute(this.commands.priority(jid, priority));
	}

	@Override
	public List<String> tag(String jid, String... tags) {
		return this.template.execute(this.commands.tag(jid, true, List.of(tags)));
	}

	@Override
	public List<String> untag(String jid, String... tags) {
		return this.template.execute(this.commands.tag(jid, false, List.of(tags)));
	}

	@Override
	public JidPage tagged(String tag, int offset, int count) {
		return this.template.execute(this.commands.tagged(tag, offset, count));
	}

	@Override
	public List<String> topTags(int offset, int count) {
		return this.template.execute(this.commands.topTags(offset, count));
	}

	@Override
	public boolean track(String jid) {
		return this.template.execute(this.commands.track(jid, true));
	}

	@Override
	public boolean untrack(String jid) {
		return this.template.execute(this.commands.track(jid, false));
	}

	@Override
	public TrackedJobs tracked() {
		return this.template.execute(this.commands.tracked());
	}

	@Override
	public void dependsOn(String jid, String... jids) {
		this.template.execute(this.commands.depends(jid, true, List.of(jids)));
	}

	@Override
	public void dependsOff(String jid, String... jids) {
		this.template.execute(this.commands.depends(jid, false, List.of(jids)));
	}

	@Override
	public void dependsOffAll(String jid) {
		this.template.execute(this.commands.depends(jid, false, List.of("all")));
	}

	@Override
	public void log(String jid, String message, @Nullable Object data) {
		this.template.execute(this.commands.log(jid, message, data, data != null));
	}

	@Override
	public void timeout(String... jids) {
		this.template.execute(this.commands.timeout(List.of(jids)));
	}

	@Override
	public List<String> completed(int offset, int count) {
		return this.template.execute(this.commands.completed(offset, count));
	}

}
