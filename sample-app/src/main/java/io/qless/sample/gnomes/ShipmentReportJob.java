package io.qless.sample.gnomes;

import java.util.List;

import io.qless.annotation.QlessJob;
import io.qless.annotation.QueueHandler;
import io.qless.handler.JobHeader;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

/**
 * A job with dependencies: reports a shipment once every order in it has completed.
 */
@Component
@QlessJob(ShipmentReportJob.KLASS)
public class ShipmentReportJob {

	/** The report's job class name. */
	public static final String KLASS = "gnomes.ShipmentReport";

	/** The queue reports run in. */
	public static final String QUEUE = "reports";

	private static final Log logger = LogFactory.getLog(ShipmentReportJob.class);

	@QueueHandler(QUEUE)
	void report(Shipment shipment, @JobHeader(JobHeader.JID) String jid) {
		logger.info("[" + jid + "] shipment of " + shipment.orders().size() + " orders is complete: "
				+ shipment.orders());
	}

	/**
	 * The report's payload.
	 *
	 * @param orders jids of the orders in the shipment
	 */
	public record Shipment(List<String> orders) {
	}

}
