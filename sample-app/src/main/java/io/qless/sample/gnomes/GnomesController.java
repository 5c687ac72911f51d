package io.qless.sample.gnomes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.qless.core.PutRequest;
import io.qless.core.Job;
import io.qless.core.QlessOperations;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Puts gnome orders into the pipeline and looks jobs up.
 */
@RestController
@RequestMapping("/gnomes")
class GnomesController {

	private final QlessOperations qless;

	GnomesController(QlessOperations qless) {
		this.qless = qless;
	}

	/**
	 * Put one order into {@code underpants}; it may wait for other jobs ({@code depends}).
	 */
	@PostMapping
	ResponseEntity<Map<String, String>> order(@RequestBody OrderRequest request) {
		PutRequest put = PutRequest.of(GnomesJob.KLASS, request.order());
		if (request.depends() != null && !request.depends().isEmpty()) {
			put = put.depends(request.depends().toArray(String[]::new));
		}
		if (request.priority() != null) {
			put = put.priority(request.priority());
		}
		String jid = this.qless.queue("underpants").put(put);
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("jid", jid));
	}

	/**
	 * Put several orders and a report that runs once all of them have completed.
	 */
	@PostMapping("/shipments")
	ResponseEntity<Map<String, Object>> ship(@RequestBody List<GnomeOrder> orders) {
		List<String> jids = new ArrayList<>();
		for (GnomeOrder order : orders) {
			jids.add(this.qless.queue("underpants").put(GnomesJob.KLASS, order));
		}
		String report = this.qless.queue(ShipmentReportJob.QUEUE)
			.put(PutRequest.of(ShipmentReportJob.KLASS, new ShipmentReportJob.Shipment(jids))
				.depends(jids.toArray(String[]::new)));
		return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("orders", jids, "report", report));
	}

	/**
	 * Look a job up: its state, queue, history, failure.
	 */
	@GetMapping("/{jid}")
	ResponseEntity<Job> job(@PathVariable String jid) {
		Job job = this.qless.jobs().get(jid);
		return (job != null) ? ResponseEntity.ok(job) : ResponseEntity.notFound().build();
	}

	/**
	 * The body of {@code POST /gnomes}: the order's fields, plus optional {@code depends}
	 * and {@code priority}.
	 *
	 * @param address where the underpants are
	 * @param flaky whether the first attempt fails
	 * @param bad whether the order fails for good
	 * @param work_ms how long collecting takes
	 * @param depends jids this order waits for
	 * @param priority the job's priority
	 */
	record OrderRequest(String address, @Nullable Boolean flaky, @Nullable Boolean bad, @Nullable Long work_ms,
			@Nullable List<String> depends, @Nullable Integer priority) {

		GnomeOrder order() {
			return new GnomeOrder(this.address, this.flaky, this.bad, this.work_ms);
		}

	}

}
