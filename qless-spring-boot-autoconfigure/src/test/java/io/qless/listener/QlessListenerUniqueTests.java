package io.qless.listener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.qless.core.Job;
import io.qless.core.JobState;
import io.qless.core.PutRequest;
import io.qless.core.QlessTemplate;
import io.qless.listener.GnomeHandlers.Underpants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unique keys declared on {@code @QlessJob} and {@code @QueueHandler}: applied by the
 * template to each put, with the key read from the payload, against a real Redis and
 * running containers.
 */
class QlessListenerUniqueTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private AnnotationConfigApplicationContext context;

	private QlessTemplate qless;

	private UniqueHandlers handlers;

	@BeforeEach
	void start() {
		this.context = new AnnotationConfigApplicationContext();
		this.context.register(ListenerTestConfiguration.class, UniqueHandlers.class);
		this.context.refresh();
		this.qless = this.context.getBean(QlessTemplate.class);
		this.handlers = this.context.getBean(UniqueHandlers.class);
	}

	@AfterEach
	void stop() {
		this.handlers.release.countDown();
		this.context.close();
	}

	@Test
	void aPutWhileTheJobOfTheSameAddressRunsReturnsThatJob() throws Exception {
		String address = "finish-" + System.nanoTime();
		String first = this.qless.queue("unique-finish").put(UniqueHandlers.KLASS, order(address));
		assertThat(this.handlers.started.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(first);
		assertThat(this.qless.queue("unique-finish").put(UniqueHandlers.KLASS, order(address))).isEqualTo(first);
		assertThat(this.qless.queue("unique-finish").putForResult(PutRequest.of(UniqueHandlers.KLASS, order(address))))
			.satisfies((result) -> {
				assertThat(result.jid()).isEqualTo(first);
				assertThat(result.duplicate()).isTrue();
			});
		String other = this.qless.queue("unique-finish").put(UniqueHandlers.KLASS, order(address + "-other"));
		assertThat(other).isNotEqualTo(first);

		this.handlers.release.countDown();
		awaitState(first, JobState.COMPLETE);
		String next = this.qless.queue("unique-finish").put(UniqueHandlers.KLASS, order(address));
		assertThat(next).isNotEqualTo(first);
	}

	@Test
	void theRequestsOwnKeyWinsOverTheDeclaredOne() {
		this.qless.queue("unique-debounce").pause();
		String address = "own-" + System.nanoTime();
		String first = this.qless.queue("unique-debounce")
			.put(PutRequest.of(UniqueHandlers.KLASS, order(address)).unique("mine-" + address));
		String second = this.qless.queue("unique-debounce").put(UniqueHandlers.KLASS, order(address));
		assertThat(second).isNotEqualTo(first);
	}

	@Test
	void aDebouncedPutReplacesThePayloadOfTheWaitingJob() {
		this.qless.queue("unique-debounce").pause();
		String address = "debounce-" + System.nanoTime();
		String first = this.qless.queue("unique-debounce").put(UniqueHandlers.KLASS, new Underpants(address, List.of("S")));
		String second = this.qless.queue("unique-debounce")
			.put(PutRequest.of(UniqueHandlers.KLASS, new Underpants(address, List.of("XL"))).delay(Duration.ofMinutes(5)));
		assertThat(second).isEqualTo(first);
		Job job = this.qless.jobs().get(first);
		assertThat(job.state()).isEqualTo(JobState.SCHEDULED);
		assertThat(this.qless.readData(job, Underpants.class).sizes()).containsExactly("XL");
		assertThat(job.history()).hasSize(2);
		assertThat(ttl("ql:u:address-" + address)).isBetween(3500L, 3600L);
	}

	private Long ttl(String key) {
		try (RedisConnection connection = this.context.getBean(LettuceConnectionFactory.class).getConnection()) {
			return connection.keyCommands().ttl(key.getBytes(StandardCharsets.UTF_8));
		}
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

	private static Underpants order(String address) {
		return new Underpants(address, List.of("M"));
	}

}
