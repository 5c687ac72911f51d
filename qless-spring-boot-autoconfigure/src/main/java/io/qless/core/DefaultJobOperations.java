package io.qless.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
		return this.template.execute(this.template.router().ofJid(jid), this.commands.get(jid));
	}

	@Override
	public List<Job> get(Collection<String> jids) {
		Assert.notNull(jids, "'jids' must not be null");
		if (jids.isEmpty()) {
			return List.of();
		}
		ShardRouter router = this.template.router();
		if (!router.isSharded()) {
			return this.template.execute(router.shards().defaultShard(), this.commands.multiget(jids));
		}
		List<Job> jobs = new ArrayList<>(jids.size());
		router.byShard(jids).forEach((shard, group) -> jobs.addAll(this.template.execute(shard, this.commands.multiget(group))));
		Map<String, Job> byJid = new HashMap<>();
		jobs.forEach((job) -> byJid.put(job.jid(), job));
		List<Job> ordered = new ArrayList<>(jobs.size());
		for (String jid : jids) {
			Job job = byJid.remove(jid);
			if (job != null) {
				ordered.add(job);
			}
		}
		return List.copyOf(ordered);
	}

	@Override
	public JobState complete(Job job) {
		Assert.notNull(job, "'job' must not be null");
		return complete(job.jid(), job.worker(), job.queue(), new RawJson(job.data()));
	}

	@Override
	public JobState complete(String jid, String worker, String queue, @Nullable Object data) {
		return this.template.execute(ofQueue(queue), this.commands.complete(jid, worker, queue, data));
	}

	@Override
	public JobState complete(String jid, String worker, String queue, @Nullable Object data, String nextQueue,
			Duration delay, Collection<String> depends) {
		ShardRouter router = this.template.router();
		router.checkNext("complete", jid, queue, nextQueue);
		QlessShard shard = router.ofQueue(queue);
		router.checkDepends("complete", jid, shard, depends);
		return this.template.execute(shard, this.commands.advance(jid, worker, queue, data, nextQueue, delay, depends));
	}

	@Override
	public String fail(String jid, String worker, String group, String message) {
		return this.template.execute(ofJid(jid), this.commands.fail(jid, worker, group, message, null, false));
	}

	@Override
	public String fail(String jid, String worker, String group, String message, @Nullable Object data) {
		return this.template.execute(ofJid(jid), this.commands.fail(jid, worker, group, message, data, true));
	}

	@Override
	public long retry(String jid, String queue, String worker, Duration delay, @Nullable String group,
			@Nullable String message) {
		return this.template.execute(ofQueue(queue), this.commands.retry(jid, queue, worker, delay, group, message));
	}

	@Override
	public Instant heartbeat(String jid, String worker) {
		return this.template.execute(ofJid(jid), this.commands.heartbeat(jid, worker, null, false));
	}

	@Override
	public Instant heartbeat(String jid, String worker, @Nullable Object data) {
		return this.template.execute(ofJid(jid), this.commands.heartbeat(jid, worker, data, true));
	}

	@Override
	public List<String> cancel(Collection<String> jids) {
		ShardRouter router = this.template.router();
		if (!router.isSharded()) {
			return this.template.execute(router.shards().defaultShard(), this.commands.cancel(jids));
		}
		Assert.notEmpty(jids, "'jids' must not be empty");
		// A job and its dependents live in one shard, so each shard cancels its own jobs whole.
		List<String> canceled = new ArrayList<>();
		router.byShard(jids).forEach((shard, group) -> canceled.addAll(this.template.execute(shard, this.commands.cancel(group))));
		return List.copyOf(canceled);
	}

	@Override
	public List<String> cancel(String... jids) {
		return cancel(List.of(jids));
	}

	@Override
	public long priority(String jid, int priority) {
		return this.template.execute(ofJid(jid), this.commands.priority(jid, priority));
	}

	@Override
	public List<String> tag(String jid, String... tags) {
		return this.template.execute(ofJid(jid), this.commands.tag(jid, true, List.of(tags)));
	}

	@Override
	public List<String> untag(String jid, String... tags) {
		return this.template.execute(ofJid(jid), this.commands.tag(jid, false, List.of(tags)));
	}

	@Override
	public JidPage tagged(String tag, int offset, int count) {
		ShardRouter router = this.template.router();
		if (!router.isSharded()) {
			return this.template.execute(router.shards().defaultShard(), this.commands.tagged(tag, offset, count));
		}
		// Every shard's first offset + count jids, concatenated in shard order, then paged.
		long total = 0;
		List<String> jids = new ArrayList<>();
		for (JidPage page : this.template.executeEach((shard) -> this.commands.tagged(tag, 0, offset + count))) {
			total += page.total();
			jids.addAll(page.jids());
		}
		return new JidPage(total, page(jids, offset, count));
	}

	@Override
	public List<String> topTags(int offset, int count) {
		ShardRouter router = this.template.router();
		if (!router.isSharded()) {
			return this.template.execute(router.shards().defaultShard(), this.commands.topTags(offset, count));
		}
		Set<String> tags = new LinkedHashSet<>();
		this.template.executeEach((shard) -> this.commands.topTags(0, offset + count)).forEach(tags::addAll);
		return page(new ArrayList<>(tags), offset, count);
	}

	@Override
	public boolean track(String jid) {
		return this.template.execute(ofJid(jid), this.commands.track(jid, true));
	}

	@Override
	public boolean untrack(String jid) {
		return this.template.execute(ofJid(jid), this.commands.track(jid, false));
	}

	@Override
	public TrackedJobs tracked() {
		List<Job> jobs = new ArrayList<>();
		List<String> expired = new ArrayList<>();
		for (TrackedJobs tracked : this.template.executeEach((shard) -> this.commands.tracked())) {
			jobs.addAll(tracked.jobs());
			expired.addAll(tracked.expired());
		}
		return new TrackedJobs(List.copyOf(jobs), List.copyOf(expired));
	}

	@Override
	public void dependsOn(String jid, String... jids) {
		ShardRouter router = this.template.router();
		QlessShard shard = router.ofJid(jid);
		router.checkDepends("depends", jid, shard, List.of(jids));
		this.template.execute(shard, this.commands.depends(jid, true, List.of(jids)));
	}

	@Override
	public void dependsOff(String jid, String... jids) {
		this.template.execute(ofJid(jid), this.commands.depends(jid, false, List.of(jids)));
	}

	@Override
	public void dependsOffAll(String jid) {
		this.template.execute(ofJid(jid), this.commands.depends(jid, false, List.of("all")));
	}

	@Override
	public void log(String jid, String message, @Nullable Object data) {
		this.template.execute(ofJid(jid), this.commands.log(jid, message, data, data != null));
	}

	@Override
	public void timeout(String... jids) {
		ShardRouter router = this.template.router();
		if (!router.isSharded()) {
			this.template.execute(router.shards().defaultShard(), this.commands.timeout(List.of(jids)));
			return;
		}
		router.byShard(List.of(jids)).forEach((shard, group) -> this.template.execute(shard, this.commands.timeout(group)));
	}

	@Override
	public List<String> completed(int offset, int count) {
		ShardRouter router = this.template.router();
		if (!router.isSharded()) {
			return this.template.execute(router.shards().defaultShard(), this.commands.completed(offset, count));
		}
		List<String> jids = new ArrayList<>();
		this.template.executeEach((shard) -> this.commands.completed(0, offset + count)).forEach(jids::addAll);
		return page(jids, offset, count);
	}

	private QlessShard ofJid(String jid) {
		return this.template.router().ofJid(jid);
	}

	private QlessShard ofQueue(String queue) {
		return this.template.router().ofQueue(queue);
	}

	private static List<String> page(List<String> items, int offset, int count) {
		if (offset >= items.size()) {
			return List.of();
		}
		return List.copyOf(items.subList(offset, Math.min(items.size(), offset + count)));
	}

}
