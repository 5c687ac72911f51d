package io.qless.core;

import java.util.List;
import java.util.Map;

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
