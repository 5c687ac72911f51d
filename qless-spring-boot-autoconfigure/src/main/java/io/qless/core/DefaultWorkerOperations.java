package io.qless.core;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.util.Assert;

/**
 * {@link WorkerOperations} and {@link FailureOperations} of a {@link QlessTemplate}.
 */
final class DefaultWorkerOperations implements WorkerOperations, FailureOperations {

	private final QlessTemplate template;

	private final QlessAdminCommands commands;

	DefaultWorkerOperations(QlessTemplate template, QlessAdminCommands commands) {
		this.template = template;
		this.commands = commands;
	}

	@Override
	public List<WorkerSummary> list() {
		List<List<WorkerSummary>> perShard = this.template.executeEach((shard) -> this.commands.workers());
		if (perShard.size() == 1) {
			return perShard.get(0);
		}
		// A worker that pops from several shards is one worker: its counts add up.
		Map<String, WorkerSummary> workers = new LinkedHashMap<>();
		for (List<WorkerSummary> shard : perShard) {
			for (WorkerSummary worker : shard) {
				workers.merge(worker.name(), worker, (a, b) -> new WorkerSummary(a.name(), a.jobs() + b.jobs(),
						a.stalled() + b.stalled()));
			}
		}
		return List.copyOf(workers.values());
	}

	@Override
	public WorkerPage list(int offset, int count) {
		Assert.isTrue(offset >= 0, "'offset' must not be negative");
		Assert.isTrue(count > 0, "'count' must be greater than 0");
		Instant now = this.template.clock().instant();
		Duration age = this.template.config().get(QlessConfigKey.MAX_WORKER_AGE);
		List<QlessShard> shards = this.template.shards().all();
		if (shards.size() == 1) {
			return this.template.keys(shards.get(0)).workers(now.minus(age), now, offset, count);
		}
		Map<String, WorkerActivity> workers = new LinkedHashMap<>();
		for (QlessShard shard : shards) {
			for (WorkerActivity worker : this.template.keys(shard).workers(now.minus(age), now, 0, offset + count).workers()) {
				workers.merge(worker.name(), worker, (a, b) -> new WorkerActivity(a.name(), a.jobs() + b.jobs(),
						a.stalled() + b.stalled(), a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen()));
			}
		}
		List<WorkerActivity> sorted = new ArrayList<>(workers.values());
		sorted.sort(Comparator.comparing(WorkerActivity::lastSeen).reversed());
		List<WorkerActivity> page = (offset >= sorted.size()) ? List.of()
				: sorted.subList(offset, Math.min(sorted.size(), offset + count));
		// The total counts a worker seen in several shards once only among those read.
		return new WorkerPage(Math.max(workers.size(), offset + page.size()), List.copyOf(page));
	}

	@Override
	public WorkerJobs jobs(String worker) {
		List<String> jobs = new ArrayList<>();
		List<String> stalled = new ArrayList<>();
		for (WorkerJobs held : this.template.executeEach((shard) -> this.commands.worker(worker))) {
			jobs.addAll(held.jobs());
			stalled.addAll(held.stalled());
		}
		return new WorkerJobs(List.copyOf(jobs), List.copyOf(stalled));
	}

	@Override
	public void deregister(String... workers) {
		this.template.executeEach((shard) -> this.commands.deregister(List.of(workers)));
	}

	@Override
	public Map<String, Long> groups() {
		List<Map<String, Long>> perShard = this.template.executeEach((shard) -> this.commands.failureGroups());
		if (perShard.size() == 1) {
			return perShard.get(0);
		}
		Map<String, Long> groups = new TreeMap<>();
		for (Map<String, Long> shard : perShard) {
			shard.forEach((group, count) -> groups.merge(group, count, Long::sum));
		}
		return groups;
	}

	@Override
	public JidPage jobs(String group, int offset, int count) {
		List<QlessShard> shards = this.template.shards().all();
		if (shards.size() == 1) {
			return this.template.execute(shards.get(0), this.commands.failed(group, offset, count));
		}
		long total = 0;
		List<String> jids = new ArrayList<>();
		for (JidPage page : this.template.executeEach((shard) -> this.commands.failed(group, 0, offset + count))) {
			total += page.total();
			jids.addAll(page.jids());
		}
		return new JidPage(total, (offset >= jids.size()) ? List.of()
				: List.copyOf(jids.subList(offset, Math.min(jids.size(), offset + count))));
	}

}
