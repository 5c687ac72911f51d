package io.qless.core;

import java.util.List;

/**
 * Operations on workers, obtained from {@link QlessOperations#workers()}. Every method is one
 * round trip.
 */
public interface WorkerOperations {

	/**
	 * List the workers with their job counts, most recently seen first. Forgets workers not
	 * seen for {@code max-worker-age} first, as the script does.
	 * @return the workers
	 */
	List<WorkerSummary> list();

	/**
	 * List a page of the workers seen within {@code max-worker-age}, most recently seen
	 * first, with when each was last seen. Read from {@code ql:workers} directly, so unlike
	 * {@link #list()} it forgets no worker.
	 * @param offset how many to skip
	 * @param count how many at most
	 * @return the page
	 */
	WorkerPage list(int offset, int count);

	/**
	 * Return the jobs a worker holds.
	 * @param worker the worker name
	 * @return its jobs
	 */
	WorkerJobs jobs(String worker);

	/**
	 * Remove workers from the list of workers.
	 * @param workers the worker names
	 */
	void deregister(String... workers);

}
