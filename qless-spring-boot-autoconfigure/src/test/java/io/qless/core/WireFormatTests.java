package io.qless.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.data.redis.connection.ReturnType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jobs put by the template are read by raw script calls (as Ruby or Python clients would
 * make them), and the reverse.
 */
@QlessRedisTest
class WireFormatTests {

	private QlessTestSupport support;

	private QlessTemplate qless;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.support = new QlessTestSupport(redis);
		this.qless = this.support.template;
	}

	@AfterEach
	void tearDown() {
		this.support.close();
	}

	@Test
	void jobPutByTheTemplateIsPoppedAndCompletedByRawCalls() {
		this.qless.queue("reports")
			.put(PutRequest.of("Reports::Build", new Report(42, List.of("a", "b")))
				.jid("r1")
				.priority(3)
				.tags("nightly")
				.retries(2)
				.delay(Duration.ZERO));
		String popped = (String) this.support.raw(ReturnType.VALUE, "pop", "reports", "ruby-worker", "10");
		JsonNode jobs = this.support.mapper.readTree(popped);
		assertThat(jobs.size()).isEqualTo(1);
		JsonNode job = jobs.get(0);
		assertThat(job.get("jid").asString()).isEqualTo("r1");
		assertThat(job.get("klass").asString()).isEqualTo("Reports::Build");
		assertThat(job.get("priority").asInt()).isEqualTo(3);
		assertThat(job.get("retries").asInt()).isEqualTo(2);
		assertThat(job.get("tags").get(0).asString()).isEqualTo("nightly");
		assertThat(this.support.mapper.readTree(job.get("data").asString()))
			.isEqualTo(this.support.mapper.readTree("{\"account\":42,\"sections\":[\"a\",\"b\"]}"));
		Object heartbeat = this.support.raw(ReturnType.INTEGER, "heartbeat", "r1", "ruby-worker");
		assertThat(heartbeat).isEqualTo(QlessTestSupport.START.getEpochSecond() + 60);
		Object completed = this.support.raw(ReturnType.VALUE, "complete", "r1", "ruby-worker", "reports",
				job.get("data").asString());
		assertThat(completed).isEqualTo("complete");
		assertThat(this.qless.jobs().get("r1").state()).isEqualTo(JobState.COMPLETE);
	}

	@Test
	void jobPutByRawCallsIsPoppedAndCompletedByTheTemplate() {
		Object jid = this.support.raw(ReturnType.VALUE, "put", "python-client", "reports", "p1", "reports.Build",
				"{\"account\":7,\"sections\":[]}", "0", "priority", "1", "tags", "[\"x\",\"y\"]", "retries", "3",
				"depends", "[]");
		assertThat(jid).isEqualTo("p1");
		List<Job> jobs = this.qless.queue("reports").pop("java-worker", 5);
		assertThat(jobs).hasSize(1);
		Job job = jobs.get(0);
		assertThat(job.klass()).isEqualTo("reports.Build");
		assertThat(job.tags()).containsExactly("x", "y");
		assertThat(job.retries()).isEqualTo(3);
		assertThat(job.priority()).isEqualTo(1);
		assertThat(this.qless.readData(job, Report.class)).isEqualTo(new Report(7, List.of()));
		assertThat(this.qless.jobs().complete(job)).isEqualTo(JobState.COMPLETE);
		String raw = (String) this.support.raw(ReturnType.VALUE, "get", "p1");
		JsonNode node = this.support.mapper.readTree(raw);
		assertThat(node.get("state").asString()).isEqualTo("complete");
		assertThat(node.get("data").asString()).isEqualTo("{\"account\":7,\"sections\":[]}");
	}

	@Test
	void nowIsSentInSecondsWithMilliseconds() {
		this.support.clock.set(java.time.Instant.parse("2026-01-05T10:00:00.123Z"));
		this.qless.queue("q").put(PutRequest.of("K", Map.of()).jid("t"));
		this.support.clock.set(java.time.Instant.parse("2026-01-05T10:00:07.623Z"));
		this.qless.queue("q").pop("w", 1);
		// 7.5 s of wait recorded: "now" carried the milliseconds.
		assertThat(this.qless.queue("q").stats(this.support.clock.instant()).waitTimes().mean()).isEqualTo(7.5);
		assertThat(QlessCommands.seconds(Duration.ofMillis(1500))).isEqualTo("1.5");
		assertThat(QlessCommands.seconds(Duration.ZERO)).isEqualTo("0");
	}

	record Report(int account, List<String> sections) {
	}

}
