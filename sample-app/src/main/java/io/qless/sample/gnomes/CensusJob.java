package io.qless.sample.gnomes;

import java.util.Map;

import io.qless.annotation.QlessJob;
import io.qless.annotation.QueueHandler;
import io.qless.core.QlessOperations;
import io.qless.core.QueueCounts;
import io.qless.handler.JobHeader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * A recurring job: counts the gnomes' work in progress at a fixed interval.
 */
@Component
@QlessJob(CensusJob.KLASS)
public class CensusJob {

	/** The recurring job's class name. */
	public static final String KLASS = "gnomes.Census";

	/** The queue the census runs in. */
	public static final String QUEUE = "census";

	private static final Log logger = LogFactory.getLog(CensusJob.class);

	private final QlessOperations qless;

	CensusJob(QlessOperations qless) {
		this.qless = qless;
	}

	@QueueHandler(QUEUE)
	void count(Map<String, Object> data, @JobHeader(JobHeader.JID) String jid) {
		StringBuilder census = new StringBuilder();
		for (QueueCounts counts : this.qless.queues()) {
			census.append(' ').append(counts.name()).append('=').append(counts.waiting() + counts.running());
		}
		logger.info("[" + jid + "] census of work in progress:" + census);
	}

}
