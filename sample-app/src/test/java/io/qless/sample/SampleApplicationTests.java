package io.qless.sample;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qless.core.HistoryEntry;
import io.qless.core.Job;
import io.qless.core.JobState;
import io.qless.core.QlessOperations;
import io.qless.scripts.QlessScripts;
import io.qless.sample.gnomes.BadOrderException;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "sample.dev-redis.enabled=false", "sample.gnomes.retry-delay=200ms",
				"sample.census.interval=1s" })
@QlessRedisTest(flushBeforeEach = false)
class SampleApplicationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> TestRedis.shared().url());
	}

	@LocalServerPort
	private int port;

	@Autowired
	private QlessOperations qless;

	@Autowired
	private StringRedisTemplate redis;

	private RestClient http;

	@BeforeEach
	void client() {
		this.http = RestClient.create("http://localhost:" + this.port);
	}

	@Test
	void orderTravelsThePipelineToComplete() throws Exception {
		String jid = order(Map.of("address", "123 Brief St."));

		Job job = awaitState(jid, JobState.COMPLETE);

		assertThat(queuesPutInto(job)).containsExactly("underpants", "unknown", "profit");
		assertThat(job.throttles()).contains("gnome-crew");
		assertThat(this.qless.throttles().get("gnome-crew").maximum()).isEqualTo(4);
		Map<String, Object> fetched = this.http.get().uri("/gnomes/{jid}", jid).retrieve().body(MAP);
		assertThat(fetched).containsEntry("jid", jid).containsEntry("klass", "gnomes.GnomesJob");
	}

	@Test
	void flakyOrderIsRetriedAfterItsBackOffAndCompletes() throws Exception {
		String jid = order(Map.of("address", "1 Shaky Rd.", "flaky", true));

		Job job = awaitState(jid, JobState.COMPLETE);

		assertThat(job.history().stream().filter((entry) -> entry.what().equals("popped")).count())
			.as("popped twice in underpants, once in unknown and profit")
			.isEqualTo(4);
		assertThat(queuesPutInto(job)).containsExactly("underpants", "unknown", "profit");
	}

	@Test
	void badOrderFailsWithItsGroup() throws Exception {
		String jid = order(Map.of("address", "Nowhere", "bad", true));

		Job job = awaitState(jid, JobState.FAILED);

		assertThat(job.failure().group()).isEqualTo(BadOrderException.class.getName());
		assertThat(job.failure().message()).contains("no underpants at 'Nowhere'");
		assertThat(job.queue()).isEqualTo("underpants");
	}

	@Test
	void jobPutByAnotherClientWithUnknownFieldsTravelsToComplete() throws Exception {
		String now = String.valueOf(System.currentTimeMillis() / 1000.0);
		String jid = this.redis.execute(new DefaultRedisScript<>(QlessScripts.qless().text(), String.class), List.of(),
				"put", now, "ruby-worker", "underpants", "from-ruby-1", "gnomes.GnomesJob",
				"{\"address\": \"123 Brief St.\", \"color\": \"red\"}", "0");

		Job job = awaitState(jid, JobState.COMPLETE);

		assertThat(queuesPutInto(job)).containsExactly("underpants", "unknown", "profit");
	}

	@Test
	void jobARubyProducerNamesTheRubyWayRunsInTheSameHandler() throws Exception {
		String now = String.valueOf(System.currentTimeMillis() / 1000.0);
		String jid = this.redis.execute(new DefaultRedisScript<>(QlessScripts.qless().text(), String.class), List.of(),
				"put", now, "ruby-worker", "underpants", "from-ruby-2", "Gnomes::GnomesJob",
				"{\"address\": \"7 Ruby Rd.\"}", "0");

		Job job = awaitState(jid, JobState.COMPLETE);

		assertThat(queuesPutInto(job)).containsExactly("underpants", "unknown", "profit");
	}

	@Test
	void shipmentReportRunsOnceItsOrdersHaveCompleted() throws Exception {
		Map<String, Object> shipment = this.http.post()
			.uri("/gnomes/shipments")
			.contentType(MediaType.APPLICATION_JSON)
			.body(List.of(Map.of("address", "A"), Map.of("address", "B")))
			.retrieve()
			.body(MAP);
		String report = (String) shipment.get("report");

		Job reportJob = awaitState(report, JobState.COMPLETE);

		for (Object order : (List<?>) shipment.get("orders")) {
			Job orderJob = this.qless.jobs().get((String) order);
			assertThat(orderJob.state()).isEqualTo(JobState.COMPLETE);
			assertThat(finishedAt(orderJob)).isLessThanOrEqualTo(finishedAt(reportJob));
		}
	}

	@Test
	void recurringCensusSpawnsJobs() throws Exception {
		awaitState("gnomes-census-1", JobState.COMPLETE);
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
	void qlessEndpointGivesReasonsAndHidesJobData() throws Exception {
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

	@Test
	void dashboardIsServedOnLoopback() {
		String overview = this.http.get().uri("/qless/").retrieve().body(String.class);
		assertThat(overview).contains("<h1>Overview</h1>", "underpants");
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

	private Job awaitState(String jid, JobState state) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		Job job = null;
		while (System.nanoTime() < deadline) {
			job = this.qless.jobs().get(jid);
			if (job != null && job.state() == state) {
				return job;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("Job " + jid + " did not reach " + state + " within " + WAIT + ": " + job);
	}

	private static List<Object> queuesPutInto(Job job) {
		return job.history().stream().filter((entry) -> entry.what().equals("put")).map((entry) -> entry.details().get("q")).toList();
	}

	private static long finishedAt(Job job) {
		return job.history().stream().filter((entry) -> entry.what().equals("done")).mapToLong(HistoryEntry::when).max().orElseThrow();
	}

	private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
	};

}
