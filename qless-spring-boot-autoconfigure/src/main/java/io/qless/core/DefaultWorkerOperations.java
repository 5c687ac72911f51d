package io.qless.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
		return this.template.execute(this.commands.workers());
	}

	@Override
	public WorkerPage list(int offset, int count) {
		Assert.isTrue(offset >= 0, "'offset' must not be negative");
		Assert.isTrue(count > 0, "'count' must be greater than 0");
		Instant now = this.template.clock().instant();
		Duration age = this.template.config().get(QlessConfigKey.MAX_WORKER_AGE);
		return this.template.keys().workers(now.minus(age), now, offset, count);
	}

	@Override
	public WorkerJobs jobs(String worker) {
		return this.template.execute(this.commands.worker(worker));
	}

	@Override
	public void deregister(String... workers) {
		this.template.execute(this.commands.deregister(List.of(workers)));
	}

	@Override
	public Map<String, Long> groups() {
		return this.template.execute(this.commands.failureGroups());
	}

	@Override
	public JidPage jobs(String group, int offset, int count) {
		return this.template.execute(this.commands.failed(group, offset, count));
	}

}
