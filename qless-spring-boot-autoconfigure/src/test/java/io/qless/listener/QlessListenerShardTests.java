package io.qless.listener;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.qless.core.CrossShardException;
import io.qless.core.Job;
import io.qless.core.JobState;
import io.qless.core.PutRequest;
import io.qless.core.QlessShards;
import io.qless.core.QlessTemplate;
import io.qless.listener.GnomeHandlers.Underpants;
import io.qless.test.QlessRedisTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler that moves its job on into a queue of another shard: the job fails with the
 * group {@code io.qless.core.CrossShardException} and a message naming both shards, whether
 * the handler returns the {@code Next} or completes the job with it. The handlers' queues
 * are in the default shard, so this runs on any script.
 */
@QlessRedisTest
class QlessListenerShardTests {

	private static final String KLASS = "gnomes.GnomesJob";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private AnnotationConfigApplicationContext context;

	private QlessTemplate qless;

	private GnomeHandlers handlers;

	@BeforeEach
	void start() {
		this.context = new AnnotationConfigApplicationContext();
		this.context.register(ListenerTestConfiguration.class, GnomeHandlers.class);
		this.context.refresh();
		this.qless = this.context.getBean(QlessTemplate.class);
		this.qless.setShards(QlessShards.of(false, Map.of("far", List.of("unknown", "profit"))));
		this.handlers = this.context.getBean(GnomeHandlers.class);
	}

	@AfterEach
	void stop() {
		this.handlers.release.countDown();
		this.context.close();
	}

	@Test
	void aReturnedNextIntoAnotherShardFailsTheJob() throws Exception {
		String jid = this.qless.queue("underpants").put(KLASS, order());

		Job failed = awaitState(jid, JobState.FAILED);

		assertThat(failed.failure().group()).isEqualTo(CrossShardException.class.getName());
		assertThat(failed.failure().message()).isEqualTo("job " + jid + " cannot move from queue 'underpants' "
				+ "(shard 'default') to queue 'unknown' (shard 'far'): jobs move only between queues of one shard");
	}

	@Test
	void completingWithANextIntoAnotherShardThrowsInTheHandler() throws Exception {
		String jid = this.qless.queue("explicit-next").put(PutRequest.of(KLASS, order()).retries(0));

		Job failed = awaitState(jid, JobState.FAILED);

		assertThat(failed.failure().group()).isEqualTo(CrossShardException.class.getName());
		assertThat(failed.failure().message()).contains("cannot move from queue 'explicit-next' (shard 'default') "
				+ "to queue 'profit' (shard 'far')");
	}

	private Job awaitState(String jid, JobState state) throws InterruptedException {
		long deadline = System.nanoTime() + WAIT.toNanos();
		Job job = null;
		while (System.nanoTime() < deadline) {
			job = this.qless.jobs().get(jid);
			if (job != null && job.state() == state) {
				return job;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("Job " + jid + " did not reach " + state + " within " + WAIT + ": " + job);
	}

	private static Underpants order() {
		return new Underpants("123 Brief St.", List.of("M"));
	}

}
