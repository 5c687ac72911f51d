package io.qless.scripts.reqless;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The other {@code job.*} commands and {@code jobs.tracked}. */
class ReqlessJobTests extends ReqlessTestSupport {

	@Test
	void getAndGetMulti() {
		assertThat(this.reqless.call("job.get", 0, "nope")).isNull();
		assertThat(this.reqless.error("job.get", 0)).contains("Job(): no jid provided");
		assertThat(this.reqless.call("job.getMulti", 0, "nope")).isEqualTo("[]");
		this.reqless.put(0, "q", "a");
		this.reqless.put(0, "q", "b");
		assertThat(ReqlessScript.jids(this.reqless.json("job.getMulti", 0, "b", "nope", "a"))).containsExactly("b", "a");
	}

	@Test
	void logMergesDataIntoTheEntry() {
		this.reqless.put(0, "q", "jid");
		assertThat(this.reqless.call("job.log", 1, "jid", "note", "{\"foo\": \"bar\"}")).isNull();
		assertThat(this.reqless.job("jid").get("history").get(1))
			.isEqualTo(json("{\"when\":1,\"what\":\"note\",\"foo\":\"bar\"}"));
		assertThat(this.reqless.error("job.log", 1, "nope", "note")).contains("Log(): Job nope does not exist");
	}

	@Test
	void historyIsTrimmedKeepingTheFirstEntry() {
		this.reqless.call("config.set", 0, "max-job-history", 5);
		for (int i = 0; i < 100; i++) {
			this.reqless.put(i, "q", "jid");
		}
		JsonNode history = this.reqless.job("jid").get("history");
		assertThat(history).extracting((e) -> e.get("when").asInt()).containsExactly(0, 96, 97, 98, 99);
		assertThat(history.get(0).get("queue").asString()).isEqualTo("q");
	}

	@Test
	void trackAndUntrackReplyAsStrings() {
		this.reqless.put(0, "q", "jid");
		assertThat(this.reqless.call("job.track", 0, "jid")).isEqualTo("1");
		assertThat(this.reqless.call("job.track", 0, "jid")).isEqualTo("0");
		JsonNode tracked = this.reqless.json("jobs.tracked", 0);
		assertThat(tracked.get("jobs").get(0).get("throttles")).isEqualTo(json("[\"ql:q:q\"]"));
		assertThat(tracked.get("jobs").get(0).get("tracked").asBoolean()).isTrue();
		assertThat(tracked.get("expired")).isEqualTo(json("{}"));
		assertThat(this.reqless.call("job.untrack", 0, "jid")).isEqualTo("1");
		assertThat(this.reqless.json("jobs.tracked", 0)).isEqualTo(json("{\"jobs\":{},\"expired\":{}}"));
		assertThat(this.reqless.error("job.track", 0)).contains("Track(): Arg \"jid\" missing");
		assertThat(this.reqless.error("job.track", 0, "nope")).contains("Track(): Job does not exist");
	}

	@Test
	void setPriorityTruncatesTheReply() {
		this.reqless.put(0, "q", "a");
		this.reqless.put(1, "q", "b");
		assertThat(this.reqless.call("job.setPriority", 2, "b", "5.7")).isEqualTo(5L);
		assertThat(this.reqless.job("b").get("priority").asDouble()).isEqualTo(5.7);
		assertThat(this.reqless.popJids(3, "q", "w", 1)).containsExactly("b");
		assertThat(this.reqless.error("job.setPriority", 0, "nope", 1)).contains("Queue(): no queue name provided");
		assertThat(this.reqless.error("job.setPriority", 0, "a", "x"))
			.contains("Priority(): Arg \"priority\" missing or not a number: x");
	}

	@Test
	void tagsReplyWithTopLevelArrays() {
		this.reqless.put(0, "q", "jid");
		assertThat(this.reqless.strings("job.addTag", 0, "jid", "a", "b", "a")).containsExactly("a", "b");
		assertThat(this.reqless.strings("job.removeTag", 0, "jid", "a", "missing")).containsExactly("b");
		assertThat(this.reqless.call("job.removeTag", 0, "jid", "b")).isEqualTo("[]");
		assertThat(this.reqless.job("jid").get("tags")).isEqualTo(json("{}"));
		assertThat(this.reqless.redis().zrange("ql:tags", 0, -1)).isEmpty();
		assertThat(this.reqless.error("job.addTag", 0, "nope", "a")).contains("Tag(): Job nope does not exist");
		assertThat(this.reqless.error("job.removeTag", 0)).contains("Tag(): Arg \"jid\" missing");
	}

	@Test
	void cancelEchoesItsArgumentsAndDeletesEverything() {
		this.reqless.put(0, "q", "a", "tags", "[\"t\"]");
		this.reqless.put(0, "q", "b", "depends", "[\"a\"]");
		assertThat(this.reqless.error("job.cancel", 0, "a"))
			.contains("Cancel(): a is a dependency of b but is not mentioned to be canceled");
		assertThat(this.reqless.call("job.cancel", 0, "b", "a", "nope")).isEqualTo(List.of("b", "a", "nope"));
		assertThat(this.reqless.call("job.cancel", 0)).isEqualTo(List.of());
		assertThat(this.reqless.redis().keys("ql:j:*")).isEmpty();
		assertThat(this.reqless.redis().zrange("ql:tags", 0, -1)).isEmpty();
	}

	@Test
	void cancelRunningJobThenHeartbeatFails() {
		this.reqless.put(0, "q", "jid");
		this.reqless.popJids(0, "q", "w", 1);
		this.reqless.call("job.cancel", 1, "jid");
		assertThat(this.reqless.error("job.heartbeat", 2, "jid", "w")).contains("Job does not exist");
	}

	@Test
	void requeueIsAPutOfAnExistingJob() {
		assertThat(this.reqless.error("job.requeue", 0, "w", "q")).contains("Job(): no jid provided");
		assertThat(this.reqless.error("job.requeue", 0, "w", "q", "jid", "k", "{}", 0))
			.contains("Requeue(): Job jid does not exist");
		this.reqless.put(0, "q", "jid", "throttles", "[\"tid\"]");
		assertThat(this.reqless.call("job.requeue", 1, "w", "q-2", "jid", "k", "{}", 0, "throttles", "[\"tid\", \"ql:q:q\"]"))
			.isEqualTo("jid");
		JsonNode job = this.reqless.job("jid");
		assertThat(job.get("queue").asString()).isEqualTo("q-2");
		assertThat(ReqlessScript.strings(job.get("throttles"))).containsExactly("tid", "ql:q:q-2");
	}

	@Test
	void dependencyCommandsReplyOne() {
		this.reqless.put(0, "q", "a");
		this.reqless.put(0, "q", "b");
		this.reqless.put(0, "q", "c", "depends", "[\"a\"]");
		assertThat(this.reqless.call("job.addDependency", 0, "c", "b")).isEqualTo(1L);
		assertThat(ReqlessScript.strings(this.reqless.job("c").get("dependencies"))).containsExactlyInAnyOrder("a", "b");
		assertThat(this.reqless.call("job.removeDependency", 0, "c", "all")).isEqualTo(1L);
		assertThat(this.reqless.state("c")).isEqualTo("waiting");
		assertThat(this.reqless.error("job.addDependency", 0, "c", "a"))
			.contains("Depends(): Job c not in the depends state: waiting");
		assertThat(this.reqless.error("job.removeDependency", 0, "nope", "a"))
			.contains("Depends(): Job nope not in the depends state: false");
	}

	@Test
	void completedJobsExpireWithTheirTagsAndDependencies() {
		this.reqless.call("config.set", 0, "jobs-history-count", 1);
		this.reqless.put(0, "q", "a", "tags", "[\"t\"]");
		this.reqless.put(0, "q", "b");
		this.reqless.popJids(0, "q", "w", 2);
		this.reqless.complete(1, "a", "w", "q");
		this.reqless.complete(2, "b", "w", "q");
		assertThat(this.reqless.job("a")).isNull();
		assertThat(this.reqless.redis().zrange("ql:tags", 0, -1)).isEmpty();
		assertThat(this.reqless.json("jobs.tagged", 2, "t", 0, 0)).isEqualTo(json("{\"total\":0,\"jobs\":{}}"));
	}

}
