package io.qless.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qless.scripts.QlessScripts;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The template under {@code qless.dialect=reqless}: the same operations over the reqless
 * script, and one database shared with a template speaking qless.
 */
@QlessRedisTest
class QlessTemplateReqlessDialectTests {

	private QlessTestSupport reqlessSupport;

	private QlessTestSupport qlessSupport;

	private QlessTemplate reqless;

	private QlessTemplate qless;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.reqlessSupport = new QlessTestSupport(redis, QlessDialect.REQLESS);
		this.qlessSupport = new QlessTestSupport(redis, QlessDialect.QLESS);
		this.reqless = this.reqlessSupport.template;
		this.qless = this.qlessSupport.template;
	}

	@AfterEach
	void tearDown() {
		this.reqlessSupport.close();
		this.qlessSupport.close();
	}

	@Test
	void callsTheReqlessScript() {
		assertThat(this.reqless.dialect()).isEqualTo(QlessDialect.REQLESS);
		this.reqless.setUseFunctions(false);
		this.reqless.queue("q").put("Klass", Map.of("a", 1));
		assertThat(this.reqless.getCallMode()).isEqualTo("EVALSHA " + QlessScripts.reqless().sha1());
		assertThat(this.reqless.config().get("application")).isEqualTo("reqless");
		assertThat(this.qless.config().get("application")).isEqualTo("qless");
	}

	@Test
	void functionLibraryIsTheVersionedReqlessOne() {
		this.reqless.queue("q").put("Klass", null);
		assertThat(this.reqless.getCallMode()).isIn("FCALL " + QlessScripts.versionedReqlessFunctionLibrary().functionName(),
				"EVALSHA " + QlessScripts.reqless().sha1());
	}

	@Test
	void jobLifecycleAndListings() {
		QueueOperations queue = this.reqless.queue("q");
		String a = queue.put(PutRequest.of("Klass", Map.of("n", 1)).tags("t").priority(5));
		String b = queue.put("Klass", Map.of("n", 2));
		assertThat(queue.length()).isEqualTo(2);
		assertThat(queue.peek(5)).extracting(Job::jid).containsExactly(a, b);
		List<Job> popped = queue.pop("w", 2);
		assertThat(popped).extracting(Job::jid).containsExactly(a, b);
		assertThat(queue.jobs(QueueJobState.RUNNING, 0, 10)).containsExactlyInAnyOrder(a, b);
		JobOperations jobs = this.reqless.jobs();
		assertThat(jobs.complete(popped.get(0))).isEqualTo(JobState.COMPLETE);
		assertThat(this.reqless.jobs().completed(0, 10)).containsExactly(a);
		assertThat(this.reqless.jobs().get(a).history().get(0).queue()).isEqualTo("q");
		Job second = popped.get(1);
		assertThat(jobs.complete(second.jid(), second.worker(), "q", null, "next", Duration.ZERO, List.of()))
			.isEqualTo(JobState.WAITING);
		assertThat(this.reqless.jobs().get(b).queue()).isEqualTo("next");
		assertThat(this.reqless.queues()).extracting(QueueCounts::name).contains("q", "next");
	}

	@Test
	void putThroughReqlessCompletedThroughQlessAndBack() {
		String jid = this.reqless.queue("q").put("Klass", null);
		Job job = this.qless.queue("q").pop("w", 1).get(0);
		assertThat(job.jid()).isEqualTo(jid);
		assertThat(this.qless.jobs().complete(job)).isEqualTo(JobState.COMPLETE);
		String other = this.qless.queue("q").put("Klass", null);
		Job popped = this.reqless.queue("q").pop("w", 1).get(0);
		assertThat(popped.jid()).isEqualTo(other);
		assertThat(popped.history().get(0).queue()).isEqualTo("q");
		assertThat(this.reqless.jobs().retry(popped.jid(), "q", popped.worker(), Duration.ZERO, "group", "message"))
			.isEqualTo(4);
	}

	@Test
	void throttlesHoldAcrossDialects() {
		this.reqless.throttles().set("api", 1);
		assertThat(this.reqless.throttles().ttl("api")).isEqualTo(-1);
		this.reqless.queue("q").put(PutRequest.of("Klass", null).throttles(List.of("api")));
		this.qless.queue("q").put(PutRequest.of("Klass", null).throttles(List.of("api")));
		assertThat(this.qless.queue("q").pop("w", 2)).hasSize(1);
		assertThat(this.reqless.queue("q").pop("w", 2)).isEmpty();
		assertThat(this.reqless.throttles().locks("api")).hasSize(1);
		assertThat(this.reqless.throttles().pending("api")).hasSize(1);
	}

	@Test
	void lockLostNamesTheQlessCommand() {
		this.reqless.queue("q").put("Klass", null);
		Job job = this.reqless.queue("q").pop("w", 1).get(0);
		this.reqless.jobs().timeout(job.jid());
		this.reqless.queue("q").pop("w2", 1);
		assertThatExceptionOfType(LockLostException.class)
			.isThrownBy(() -> this.reqless.jobs().heartbeat(job.jid(), job.worker()))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("heartbeat"));
	}

	@Test
	void queuePatternsOnlyUnderReqless() {
		assertThat(this.reqless.queueIdentifierPatterns()).isEqualTo(Map.of("default", List.of("*")));
		assertThat(this.reqless.queuePriorityPatterns())
			.containsExactly(new QueuePriorityPattern(List.of("default"), false));
		assertThat(this.qless.queueIdentifierPatterns()).isEmpty();
		assertThat(this.qless.queuePriorityPatterns()).isEmpty();
	}

	@Test
	void recurringAndTags() {
		String jid = this.reqless.queue("q").recur(RecurRequest.of("Klass", null, Duration.ofMinutes(1)));
		RecurringJob template = this.reqless.recurring().get(jid);
		assertThat(template.interval()).isEqualTo(Duration.ofMinutes(1));
		assertThat(this.reqless.queue("q").pop("w", 1)).extracting(Job::jid).containsExactly(jid + "-1");
		String tagged = this.reqless.queue("q").put(PutRequest.of("Klass", null).tags("x"));
		assertThat(this.reqless.jobs().tagged("x", 0, 10).jids()).containsExactly(tagged);
	}

}
