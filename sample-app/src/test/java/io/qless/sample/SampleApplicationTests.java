package io.qless.sample;

import java.util.List;
import java.util.Map;

import io.qless.core.HistoryEntry;
import io.qless.core.Job;
import io.qless.core.QlessOperations;
import io.qless.test.autoconfigure.AutoConfigureQlessTest;
import io.qless.test.jobs.QlessTestJobs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static io.qless.test.assertj.QlessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application over HTTP, with the qless test support: the test Redis, the test
 * clock and {@link QlessTestJobs}. The database is not emptied between tests, so that what
 * the application registers at start-up (the recurring census) stays. The clock stands
 * still while the tests run, so the health indicator's clock-skew check is relaxed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.dev-redis.enabled=false", "qless.health.clock-skew-threshold=3650d" })
@AutoConfigureQlessTest(flushBeforeEach = false)
class SampleApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private QlessOperations qless;

	@Autowired
	private QlessTestJobs jobs;

	private RestClient http;

	@BeforeEach
	void client() {
		this.http = RestClient.create("http://localhost:" + this.port);
	}

	@Test
	void orderTravelsThePipelineToComplete() {
		String jid = order(Map.of("address", "123 Brief St."));

		Job job = this.jobs.awaitCompleted(jid);

		assertThat(job).wasPutInto("underpants", "unknown", "profit");
		assertThat(job.throttles()).contains("gnome-crew");
		assertThat(this.qless.throttles().get("gnome-crew").maximum()).isEqualTo(4);
		Map<String, Object> fetched = this.http.get().uri("/gnomes/{jid}", jid).retrieve().body(MAP);
		assertThat(fetched).containsEntry("jid", jid).containsEntry("klass", "gnomes.GnomesJob");
	}

	@Test
	void shipmentReportRunsOnceItsOrdersHaveCompleted() {
		Map<String, Object> shipment = this.http.post()
			.uri("/gnomes/shipments")
			.contentType(MediaType.APPLICATION_JSON)
			.body(List.of(Map.of("address", "A"), Map.of("address", "B")))
			.retrieve()
			.body(MAP);
		String report = (String) shipment.get("report");

		Job reportJob = this.jobs.awaitCompleted(report);

		for (Object order : (List<?>) shipment.get("orders")) {
			Job orderJob = this.qless.jobs().get((String) order);
			assertThat(orderJob).isComplete();
			assertThat(finishedAt(orderJob)).isLessThanOrEqualTo(finishedAt(reportJob));
		}
	}

	@Test
	void recurringCensusSpawnsJobs() {
		assertThat(this.jobs.awaitCompleted("gnomes-census-1")).isComplete();
		assertThat(this.qless.recurring().get("gnomes-census")).isNotNull();
	}

	@Test
	void actuatorAnswers() {
		Map<String, Object> health = this.http.get().uri("/actuator/health").retrieve().body(MAP);
		assertThat(health).containsEntry("status", "UP");
		Map<String, Object> qlessEndpoint = this.http.get().uri("/actuator/qless").retrieve().body(MAP);
		assertThat(qlessEndpoint).isNotEmpty();
		Map<String, Object> metrics = this.http.get().uri("/actuator/metrics").retrieve().body(MAP);
		assertThat((List<?>) metrics.get("names")).anySatisfy((name) -> assertThat(name.toString()).startsWith("qless"));
	}

	@Test
	void qlessEndpointGivesReasonsAndHidesJobData() {
		ResponseEntity<Map<String, Object>> bogus = this.http.get()
			.uri("/actuator/qless/queues/underpants?state=bogus")
			.exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
				.body(response.bodyTo(MAP)));
		assertThat(bogus.getStatusCode().value()).isEqualTo(400);
		assertThat(bogus.getBody()).containsEntry("error",
				"Unknown state 'bogus'; use waiting, running, stalled, scheduled, depends, recurring or throttled");
		ResponseEntity<Map<String, Object>> missing = this.http.post()
			.uri("/actuator/qless/jobs/no-such-job")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("action", "retry"))
			.exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
				.body(response.bodyTo(MAP)));
		assertThat(missing.getStatusCode().value()).isEqualTo(404);
		assertThat(missing.getBody()).containsEntry("error", "No job 'no-such-job'");
		int unknownJob = this.http.get()
			.uri("/actuator/qless/jobs/no-such-job")
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(unknownJob).isEqualTo(404);

		String jid = order(Map.of("address", "1 Secret St."));
		Map<String, Object> job = this.http.get().uri("/actuator/qless/jobs/" + jid).retrieve().body(MAP);
		assertThat(job).containsEntry("data", "******");
	}

	private String order(Map<String, Object> body) {
		Map<String, Object> created = this.http.post()
			.uri("/gnomes")
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.retrieve()
			.body(MAP);
		return (String) created.get("jid");
	}

	private static long finishedAt(Job job) {
		return job.history().stream().filter((entry) -> entry.what().equals("done")).mapToLong(HistoryEntry::when).max().orElseThrow();
	}

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

}
