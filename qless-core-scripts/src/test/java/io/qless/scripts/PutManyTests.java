package io.qless.scripts;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code put.many}: the puts of one producer into one queue in one call. */
class PutManyTests extends ScriptTestSupport {

	private JsonNode putMany(long now, String queue, List<List<Object>> jobs) {
		List<Object> args = new ArrayList<>(List.of("worker", queue, jobs.size()));
		for (List<Object> job : jobs) {
			args.addAll(job.subList(0, 4));
			args.add(job.size() - 4);
			args.addAll(job.subList(4, job.size()));
		}
		return QlessScript.parseReply(this.qless.call("put.many", now, args.toArray()));
	}

	private static List<Object> job(Object... words) {
		return List.of(words);
	}

	private JsonNode withoutJid(String jid) {
		ObjectNode job = (ObjectNode) this.qless.job(jid);
		job.remove("jid");
		return job;
	}

	@Test
	void eachJobIsPutAsPutPutsIt() {
		JsonNode replies = putMany(10, "queue",
				List.of(job("a", "klass", "{\"n\":1}", 0, "priority", 3, "tags", "[\"t\"]", "retries", 2),
						job("b", "klass", "{}", 0), job("c", "other", "{}", 30)));
		assertThat(replies).isEqualTo(json("[\"a\", \"b\", \"c\"]"));
		this.qless.put(10, "queue", "single-a", "priority", 3, "tags", "[\"t\"]", "retries", 2);
		this.qless.redis().hset("ql:j:single-a", "data", "{\"n\":1}");
		this.qless.put(10, "queue", "single-b");
		assertThat(withoutJid("a")).isEqualTo(withoutJid("single-a"));
		assertThat(withoutJid("b")).isEqualTo(withoutJid("single-b"));
		assertThat(this.qless.job("c").get("state").asString()).isEqualTo("scheduled");
		assertThat(QlessScript.jids(this.qless.pop(11, "queue", "w", 10))).containsExactlyInAnyOrder("a", "single-a", "b",
				"single-b");
	}

	@Test
	void aRefusedPutChangesNothingAndTheOthersGoOn() {
		JsonNode replies = putMany(10, "queue", List.of(job("a", "klass", "{}", 0), job("b", "klass", "{oops", 0),
				job("c", "klass", "{}", "soon"), job("d", "klass", "{}", 0, "priority", "high")));
		assertThat(replies.get(0).asString()).isEqualTo("a");
		// As the single put replies: cjson's own message for a payload it cannot read.
		assertThat(this.qless.error("put", 10, "worker", "queue", "b", "klass", "{oops", 0))
			.contains(replies.get(1).get("error").asString());
		assertThat(replies.get(2).get("error").asString()).isEqualTo("Put(): Arg \"delay\" not a number: soon");
		assertThat(replies.get(3).get("error").asString()).startsWith("Put(): Arg \"priority\" not a number");
		assertThat(this.qless.job("b")).isNull();
		assertThat(this.qless.job("c")).isNull();
		assertThat(this.qless.job("d")).isNull();
		assertThat(this.qless.call("length", 10, "queue")).isEqualTo(1L);
	}

	@Test
	void aUniqueDuplicateRepliesTheHolder() {
		JsonNode replies = putMany(10, "queue",
				List.of(job("a", "klass", "{}", 0, "unique", "k"), job("b", "klass", "{}", 0, "unique", "k")));
		assertThat(replies).isEqualTo(json("[\"a\", \"a\"]"));
		assertThat(this.qless.job("b")).isNull();
	}

	@Test
	void noJobsIsAnEmptyList() {
		assertThat(putMany(10, "queue", List.of())).isEqualTo(json("[]"));
	}

	@Test
	void validation() {
		this.qless.assertError("Put.many(): Arg \"count\" must be a whole number from 0 to 1000: x", "put.many", 0,
				"worker", "queue", "x");
		this.qless.assertError("Put.many(): Arg \"count\" must be a whole number from 0 to 1000: 1001", "put.many",
				0, "worker", "queue", 1001);
		this.qless.assertError(
				"Put.many(): job 1: Arg \"options\" must be an even count of the words that follow: 1",
				"put.many", 0, "worker", "queue", 1, "a", "klass", "{}", 0, 1, "priority");
		this.qless.assertError(
				"Put.many(): job 2: Arg \"options\" must be an even count of the words that follow: nil",
				"put.many", 0, "worker", "queue", 2, "a", "klass", "{}", 0, 0);
		this.qless.assertError("Put.many(): 2 words after the last job", "put.many", 0, "worker", "queue", 1, "a",
				"klass", "{}", 0, 0, "x", "y");
		assertThat(this.qless.job("a")).isNull();
	}

}
