package io.qless.sample.gnomes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.qless.core.Job;
import io.qless.core.PutRequest;
import io.qless.core.QlessOperations;
import io.qless.core.RecurRequest;
import io.qless.scripts.QlessScripts;
import io.qless.test.autoconfigure.QlessTest;
import io.qless.test.jobs.DrainResult;
import io.qless.test.jobs.QlessTestClock;
import io.qless.test.jobs.QlessTestJobs;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;

import static io.qless.test.assertj.QlessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gnomes' jobs in a {@code @QlessTest} slice: their handlers and the qless
 * auto-configuration on a test Redis, with a test clock that stands still until moved.
 */
@QlessTest(properties = "sample.dev-redis.enabled=false")
class GnomesJobTests {

	@Autowired
	private QlessOperations qless;

	@Autowired
	private QlessTestJobs jobs;

	@Autowired
	private QlessTestClock clock;

	@Test
	void orderTravelsThePipelineToComplete() {
		String jid = this.qless.queue("underpants").put(GnomesJob.KLASS, GnomeOrder.to("123 Brief St."));

		DrainResult result = this.jobs.drain("underpants");

		assertThat(result.completed()).containsExactly(jid);
		Job job = this.qless.jobs().get(jid);
		assertThat(job).isComplete()
			.wasPutInto("underpants", "unknown", "profit")
			.hasHistoryEntries("put", "popped", "done", "put", "popped", "done", "put", "popped", "done");
		assertThat(job.throttles()).contains("gnome-crew");
		assertThat(this.qless.throttles().get("gnome-crew").maximum()).isEqualTo(4);
	}

	@Test
	void flakyOrderIsRetriedAfterItsBackOffWithoutWaiting() {
		Instant start = this.clock.instant();
		String jid = this.qless.queue("underpants").put(GnomesJob.KLASS, new GnomeOrder("1 Shaky Rd.", true, null, null));

		this.jobs.drain("underpants");

		assertThat(this.qless.jobs().get(jid)).isComplete()
			.as("popped twice in underpants, once in unknown and profit")
			.wasPopped(4)
			.wasPutInto("underpants", "unknown", "profit");
		assertThat(this.clock.instant()).as("brought forward by the 2 s back-off of application.yml")
			.isEqualTo(start.plusSeconds(2));
	}

	@Test
	void badOrderFailsWithItsGroup() {
		String jid = this.qless.queue("underpants").put(GnomesJob.KLASS, new GnomeOrder("Nowhere", null, true, null));

		DrainResult result = this.jobs.drain("underpants");

		assertThat(result.completed()).isEmpty();
		assertThat(result.failedJids()).containsExactly(jid);
		assertThat(this.qless.jobs().get(jid)).isFailed()
			.isInQueue("underpants")
			.hasFailureGroup(BadOrderException.class)
			.hasFailureMessageContaining("no underpants at 'Nowhere'");
	}

	@Test
	void delayedOrderRunsWhenTheClockIsAdvanced() {
		String jid = this.qless.queue("underpants")
			.put(PutRequest.of(GnomesJob.KLASS, GnomeOrder.to("1 Later Ln.")).delay(Duration.ofHours(1)));
		assertThat(this.qless.jobs().get(jid)).isScheduled();

		this.clock.advance(Duration.ofHours(1));

		assertThat(this.jobs.awaitCompleted(jid)).isComplete().wasPutInto("underpants", "unknown", "profit");
	}

	@Test
	void shipmentReportRunsOnceItsOrdersHaveCompleted() {
		List<String> orders = List.of(this.qless.queue("underpants").put(GnomesJob.KLASS, GnomeOrder.to("A")),
				this.qless.queue("underpants").put(GnomesJob.KLASS, GnomeOrder.to("B")));
		String report = this.qless.queue(ShipmentReportJob.QUEUE)
			.put(PutRequest.of(ShipmentReportJob.KLASS, new ShipmentReportJob.Shipment(orders))
				.depends(orders.toArray(String[]::new)));

		DrainResult result = this.jobs.drain("underpants", ShipmentReportJob.QUEUE);

		assertThat(result.completed()).containsExactlyInAnyOrder(orders.get(0), orders.get(1), report);
		long reportStarted = popped(this.qless.jobs().get(report));
		for (String order : orders) {
			assertThat(finished(this.qless.jobs().get(order))).isLessThanOrEqualTo(reportStarted);
		}
	}

	@Test
	void jobPutByAnotherClientWithUnknownFieldsTravelsToComplete(@Autowired StringRedisTemplate redis) {
		String now = String.valueOf(this.clock.millis() / 1000.0);
		String jid = redis.execute(new DefaultRedisScript<>(QlessScripts.qless().text(), String.class), List.of(),
				"put", now, "ruby-worker", "underpants", "from-ruby-1", GnomesJob.KLASS,
				"{\"address\": \"123 Brief St.\", \"color\": \"red\"}", "0");

		assertThat(this.jobs.awaitCompleted(jid)).wasPutInto("underpants", "unknown", "profit");
	}

	@Test
	void jobARubyProducerNamesTheRubyWayRunsInTheSameHandler(@Autowired StringRedisTemplate redis) {
		String now = String.valueOf(this.clock.millis() / 1000.0);
		String jid = redis.execute(new DefaultRedisScript<>(QlessScripts.qless().text(), String.class), List.of(),
				"put", now, "ruby-worker", "underpants", "from-ruby-2", "Gnomes::GnomesJob",
				"{\"address\": \"7 Ruby Rd.\"}", "0");

		assertThat(this.jobs.awaitCompleted(jid)).wasPutInto("underpants", "unknown", "profit");
	}

	@Test
	void censusRunsOncePerInterval() {
		this.qless.queue(CensusJob.QUEUE)
			.recur(RecurRequest.of(CensusJob.KLASS, Map.of("by", "test"), Duration.ofMinutes(10)).jid("census"));
		assertThat(this.jobs.awaitCompleted("census-1")).isComplete();
		assertThat(this.qless.jobs().get("census-2")).isNull();

		this.jobs.advance(Duration.ofMinutes(10));

		assertThat(this.jobs.awaitCompleted("census-2")).isComplete();
	}

	private static long popped(Job job) {
		return job.history().stream().filter((entry) -> entry.what().equals("popped")).mapToLong((entry) -> entry.when())
			.min()
			.orElseThrow();
	}

	private static long finished(Job job) {
		return job.history().stream().filter((entry) -> entry.what().equals("done")).mapToLong((entry) -> entry.when())
			.max()
			.orElseThrow();
	}

}
