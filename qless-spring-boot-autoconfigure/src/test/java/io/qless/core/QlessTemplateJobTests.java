package io.qless.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@QlessRedisTest
class QlessTemplateJobTests {

	private QlessTestSupport support;

	private QlessTemplate qless;

	private JobOperations jobs;

	private QueueOperations queue;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.support = new QlessTestSupport(redis);
		this.qless = this.support.template;
		this.jobs = this.qless.jobs();
		this.queue = this.qless.queue("q");
	}

	@AfterEach
	void tearDown() {
		this.support.close();
	}

	private Job putAndPop(String jid) {
		this.queue.put(PutRequest.of("K", Map.of("n", 1)).jid(jid));
		List<Job> popped = this.queue.pop("worker", 1);
		assertThat(popped).extracting(Job::jid).containsExactly(jid);
		return popped.get(0);
	}

	@Test
	void getReturnsNullForMissingJob() {
		assertThat(this.jobs.get("nope")).isNull();
	}

	@Test
	void multigetSkipsMissingJobs() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("a"));
		this.queue.put(PutRequest.of("K", Map.of()).jid("b"));
		assertThat(this.jobs.get(List.of("b", "missing", "a"))).extracting(Job::jid).containsExactly("b", "a");
		assertThat(this.jobs.get(List.of())).isEmpty();
		assertThat(this.jobs.get(List.of("missing"))).isEmpty();
	}

	@Test
	void readDataAsGenericType() {
		this.queue.put(PutRequest.of("K", List.of(1, 2, 3)).jid("a"));
		List<Integer> data = this.qless.readData(this.jobs.get("a"), new TypeReference<List<Integer>>() {
		});
		assertThat(data).containsExactly(1, 2, 3);
	}

	@Test
	void completeRecordsHistoryAndState() {
		Job job = putAndPop("a");
		this.support.clock.advance(Duration.ofSeconds(3));
		assertThat(this.jobs.complete(job)).isEqualTo(JobState.COMPLETE);
		Job done = this.jobs.get("a");
		assertThat(done.state()).isEqualTo(JobState.COMPLETE);
		assertThat(done.queue()).isEmpty();
		assertThat(done.history()).extracting(HistoryEntry::what).containsExactly("put", "popped", "done");
		assertThat(done.history().get(1).worker()).isEqualTo("worker");
		assertThat(this.jobs.completed(0, 10)).containsExactly("a");
	}

	@Test
	void completeWithNewData() {
		putAndPop("a");
		this.jobs.complete("a", "worker", "q", Map.of("result", "ok"));
		assertThat(this.jobs.get("a").data()).isEqualTo("{\"result\":\"ok\"}");
	}

	@Test
	void completeIntoNextQueue() {
		putAndPop("a");
		assertThat(this.jobs.complete("a", "worker", "q", Map.of(), "next", Duration.ZERO, List.of()))
			.isEqualTo(JobState.WAITING);
		assertThat(this.jobs.get("a").queue()).isEqualTo("next");
		this.qless.queue("next").pop("worker", 1);
		assertThat(this.jobs.complete("a", "worker", "next", Map.of(), "third", Duration.ofSeconds(10), List.of()))
			.isEqualTo(JobState.SCHEDULED);
		this.queue.put(PutRequest.of("K", Map.of()).jid("dep"));
		this.support.clock.advance(Duration.ofSeconds(11));
		this.qless.queue("third").pop("worker", 1);
		assertThat(this.jobs.complete("a", "worker", "third", Map.of(), "fourth", Duration.ZERO, List.of("dep")))
			.isEqualTo(JobState.DEPENDS);
		assertThat(this.jobs.get("a").dependencies()).containsExactly("dep");
	}

	@Test
	void failRecordsFailure() {
		putAndPop("a");
		assertThat(this.jobs.fail("a", "worker", "errors", "it broke")).isEqualTo("a");
		Job job = this.jobs.get("a");
		assertThat(job.state()).isEqualTo(JobState.FAILED);
		HistoryEntry failed = job.history().get(job.history().size() - 1);
		assertThat(failed.what()).isEqualTo("failed");
		assertThat(failed.group()).isEqualTo("errors");
		assertThat(failed.worker()).isEqualTo("worker");
		assertThat(failed.instant()).isEqualTo(java.time.Instant.ofEpochSecond(QlessTestSupport.START.getEpochSecond()));
		assertThat(job.failure()).isEqualTo(new JobFailure("errors", "it broke",
				QlessTestSupport.START.getEpochSecond(), "worker"));
		putAndPopAgainAndFailWithData();
	}

	private void putAndPopAgainAndFailWithData() {
		putAndPop("b");
		this.jobs.fail("b", "worker", "errors", "again", Map.of("k", "v"));
		assertThat(this.jobs.get("b").data()).isEqualTo("{\"k\":\"v\"}");
		assertThat(this.qless.failures().groups()).containsEntry("errors", 2L);
	}

	@Test
	void retryUsesUpRetriesThenFails() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("a").retries(1));
		this.queue.pop("worker", 1);
		assertThat(this.jobs.retry("a", "q", "worker", Duration.ZERO, null, null)).isZero();
		assertThat(this.jobs.get("a").state()).isEqualTo(JobState.WAITING);
		this.queue.pop("worker", 1);
		assertThat(this.jobs.retry("a", "q", "worker", Duration.ofSeconds(5), "grp", "msg")).isEqualTo(-1);
		Job job = this.jobs.get("a");
		assertThat(job.state()).isEqualTo(JobState.FAILED);
		assertThat(job.failure().group()).isEqualTo("grp");
		assertThat(job.failure().message()).isEqualTo("msg");
	}

	@Test
	void retryWithDelaySchedules() {
		putAndPop("a");
		assertThat(this.jobs.retry("a", "q", "worker", Duration.ofSeconds(30), "g", "m")).isEqualTo(4);
		assertThat(this.jobs.get("a").state()).isEqualTo(JobState.SCHEDULED);
		assertThat(this.jobs.get("a").failure().message()).isEqualTo("m");
	}

	@Test
	void heartbeatExtendsTheLock() {
		putAndPop("a");
		this.support.clock.advance(Duration.ofSeconds(30));
		Instant expiry = this.jobs.heartbeat("a", "worker");
		assertThat(expiry).isEqualTo(Instant.ofEpochSecond(QlessTestSupport.START.getEpochSecond() + 90));
		this.jobs.heartbeat("a", "worker", Map.of("progress", 50));
		assertThat(this.jobs.get("a").data()).isEqualTo("{\"progress\":50}");
	}

	@Test
	void workerCommandsRaiseLockLostWhenTheJobWasTakenAway() {
		putAndPop("a");
		this.queue.put(PutRequest.of("K", Map.of()).jid("a"));
		this.queue.pop("other-worker", 1);
		assertThatExceptionOfType(LockLostException.class).isThrownBy(() -> this.jobs.heartbeat("a", "worker"))
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(LockLostException.Reason.OTHER_WORKER);
				assertThat(ex.getCommand()).isEqualTo("heartbeat");
				assertThat(ex.getScriptMessage()).isEqualTo("Heartbeat(): Job a given out to another worker: other-worker");
			});
		assertThatExceptionOfType(LockLostException.class)
			.isThrownBy(() -> this.jobs.complete("a", "worker", "q", Map.of()))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(LockLostException.Reason.OTHER_WORKER));
		assertThatExceptionOfType(LockLostException.class)
			.isThrownBy(() -> this.jobs.complete("a", "other-worker", "elsewhere", Map.of()))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(LockLostException.Reason.OTHER_QUEUE));
		assertThatExceptionOfType(LockLostException.class)
			.isThrownBy(() -> this.jobs.fail("a", "worker", "g", "m"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(LockLostException.Reason.OTHER_WORKER));
		assertThatExceptionOfType(LockLostException.class)
			.isThrownBy(() -> this.jobs.retry("a", "q", "worker", Duration.ZERO, null, null))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(LockLostException.Reason.OTHER_WORKER));
		this.jobs.complete("a", "other-worker", "q", Map.of());
		assertThatExceptionOfType(LockLostException.class).isThrownBy(() -> this.jobs.heartbeat("a", "other-worker"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(LockLostException.Reason.NOT_RUNNING));
		this.jobs.cancel("never-existed");
		assertThatExceptionOfType(LockLostException.class).isThrownBy(() -> this.jobs.heartbeat("gone", "worker"))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(LockLostException.Reason.JOB_GONE));
	}

	@Test
	void cancelOneOrMany() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("a"));
		this.queue.put(PutRequest.of("K", Map.of()).jid("b").depends("a"));
		assertThatExceptionOfType(JobStateException.class).isThrownBy(() -> this.jobs.cancel("a"))
			.withMessageContaining("is a dependency of b");
		assertThat(this.jobs.cancel(List.of("a", "b"))).containsExactly("a", "b");
		assertThat(this.jobs.get("a")).isNull();
		assertThat(this.jobs.get("b")).isNull();
		this.queue.put(PutRequest.of("K", Map.of()).jid("c"));
		assertThat(this.jobs.cancel("c")).containsExactly("c");
		assertThat(this.queue.length()).isZero();
	}

	@Test
	void priorityMovesAJobAhead() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("a"));
		this.queue.put(PutRequest.of("K", Map.of()).jid("b"));
		assertThat(this.jobs.priority("b", 5)).isEqualTo(5);
		assertThat(this.queue.peek(2)).extracting(Job::jid).containsExactly("b", "a");
	}

	@Test
	void tagsUntagsAndListsTaggedJobs() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("a"));
		this.queue.put(PutRequest.of("K", Map.of()).jid("b").tags("red"));
		assertThat(this.jobs.tag("a", "red", "blue")).containsExactly("red", "blue");
		assertThat(this.jobs.untag("a", "blue")).containsExactly("red");
		assertThat(this.jobs.untag("a", "red")).isEmpty();
		this.support.clock.advance(Duration.ofSeconds(1));
		this.jobs.tag("a", "red");
		assertThat(this.jobs.tagged("red", 0, 10)).isEqualTo(new JidPage(2, List.of("b", "a")));
		assertThat(this.jobs.topTags(0, 10)).containsExactly("red");
	}

	@Test
	void trackAndUntrack() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("a"));
		assertThat(this.jobs.track("a")).isTrue();
		assertThat(this.jobs.track("a")).isFalse();
		assertThat(this.jobs.get("a").tracked()).isTrue();
		TrackedJobs tracked = this.jobs.tracked();
		assertThat(tracked.jobs()).extracting(Job::jid).containsExactly("a");
		assertThat(tracked.expired()).isEmpty();
		assertThat(this.jobs.untrack("a")).isTrue();
		assertThat(this.jobs.tracked().jobs()).isEmpty();
	}

	@Test
	void dependsOnAndOff() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("a"));
		this.queue.put(PutRequest.of("K", Map.of()).jid("b"));
		this.queue.put(PutRequest.of("K", Map.of()).jid("c").depends("a"));
		this.jobs.dependsOn("c", "b");
		assertThat(this.jobs.get("c").dependencies()).containsExactlyInAnyOrder("a", "b");
		this.jobs.dependsOff("c", "a");
		assertThat(this.jobs.get("c").dependencies()).containsExactly("b");
		this.jobs.dependsOffAll("c");
		assertThat(this.jobs.get("c").state()).isEqualTo(JobState.WAITING);
		assertThatExceptionOfType(JobStateException.class).isThrownBy(() -> this.jobs.dependsOn("c", "a"))
			.withMessageContaining("not in the depends state");
	}

	@Test
	void logAddsHistoryEntries() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("a"));
		this.jobs.log("a", "checked", Map.of("by", "alice"));
		this.jobs.log("a", "plain", null);
		List<HistoryEntry> history = this.jobs.get("a").history();
		assertThat(history).extracting(HistoryEntry::what).containsExactly("put", "checked", "plain");
		assertThat(history.get(1).details()).containsEntry("by", "alice");
		assertThatExceptionOfType(JobNotFoundException.class).isThrownBy(() -> this.jobs.log("missing", "x", null));
	}

	@Test
	void timeoutPutsRunningJobsBackFirst() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("other").priority(100));
		putAndPopPriority();
		this.jobs.timeout("a");
		Job job = this.jobs.get("a");
		assertThat(job.state()).isEqualTo(JobState.STALLED);
		assertThat(this.queue.peek(1)).extracting(Job::jid).containsExactly("a");
		assertThatExceptionOfType(JobStateException.class).isThrownBy(() -> this.jobs.timeout("a"))
			.withMessageContaining("not running");
	}

	private void putAndPopPriority() {
		this.queue.put(PutRequest.of("K", Map.of()).jid("a").priority(1000));
		assertThat(this.queue.pop("worker", 1)).extracting(Job::jid).containsExactly("a");
	}

	@Test
	void completedListsNewestFirst() {
		putAndPop("a");
		this.jobs.complete("a", "worker", "q", Map.of());
		this.support.clock.advance(Duration.ofSeconds(1));
		putAndPop("b");
		this.jobs.complete("b", "worker", "q", Map.of());
		assertThat(this.jobs.completed(0, 10)).containsExactly("b", "a");
		assertThat(this.jobs.completed(1, 10)).containsExactly("a");
	}

}
