package io.qless.core;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A template with named shards on a single Redis: routing by queue and by jid, listings
 * that gather every shard, and the refusals of what would cross shards. The tests that
 * need the script to take its key prefix from {@code KEYS[1]} are skipped while it does
 * not (see {@link ShardProbe}).
 */
@QlessRedisTest
class ShardedTemplateTests {

	private QlessTestSupport support;

	private QlessTemplate qless;

	private TestRedis redis;

	private boolean prefixed;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.redis = redis;
		this.support = new QlessTestSupport(redis);
		this.prefixed = ShardProbe.scriptTakesKeyPrefix(this.support.connectionFactory);
		this.qless = this.support.template;
		this.qless.setShards(shards());
	}

	private static QlessShards shards() {
		Map<String, List<String>> shards = new LinkedHashMap<>();
		shards.put("orders", List.of("orders-*"));
		shards.put("billing", List.of("billing", "invoices-*"));
		return QlessShards.of(false, shards);
	}

	@AfterEach
	void tearDown() {
		this.support.close();
	}

	@Test
	void withoutShardsNoCallCarriesAKeyAndOnAClusterEveryCallDoes() {
		QlessTemplate plain = new QlessTemplate(this.support.connectionFactory, this.support.mapper);
		assertThat(plain.shards().isSharded()).isFalse();
		assertThat(plain.putCommand("q", PutRequest.of("K", null), false).call().key()).isNull();
		assertThat(plain.router().ofJid("any").key()).isNull();
		assertThat(plain.commands(plain.router().ofQueue("q")).pop("q", "w", 1).call().key()).isNull();
		plain.setShards(QlessShards.of(true, Map.of()));
		assertThat(plain.putCommand("q", PutRequest.of("K", null), false).call().key()).isEqualTo("ql:{default}:");
		assertThat(this.qless.putCommand("orders-1", PutRequest.of("K", null), false).call().key())
			.isEqualTo("ql:{orders}:");
		assertThat(this.qless.putCommand("mail", PutRequest.of("K", null), false).call().key()).isNull();
	}

	@Test
	void nextIntoAQueueOfAnotherShardIsRefusedBeforeAnyCall() {
		assertThatExceptionOfType(CrossShardException.class)
			.isThrownBy(() -> this.qless.jobs()
				.complete("j1", "w", "orders-eu", null, "billing", Duration.ZERO, List.of()))
			.withMessageContaining("job j1 cannot move from queue 'orders-eu' (shard 'orders') to queue 'billing' "
					+ "(shard 'billing'): jobs move only between queues of one shard");
		QlessBatch batch = this.qless.batch();
		assertThatExceptionOfType(CrossShardException.class)
			.isThrownBy(() -> batch.complete("j1", "w", "orders-eu", null, "mail", Duration.ZERO, List.of()));
		assertThatExceptionOfType(CrossShardException.class).isThrownBy(() -> this.qless.queue("orders-eu")
			.settle("w", List.of(Settlement.advance("j1", "orders-eu", "{}", "billing", Duration.ZERO, List.of())), 0));
	}

	@Test
	void theThrottleOfAnotherShardsQueueIsRefused() {
		assertThatExceptionOfType(CrossShardException.class)
			.isThrownBy(() -> this.qless.queue("orders-eu")
				.put(PutRequest.of("K", null).throttles(Throttle.queueThrottleId("billing"))))
			.withMessageContaining("cannot take the throttle of queue 'billing' (shard 'billing')");
	}

	@Test
	void aDependencyOnAJobOfAnotherShardIsRefused() {
		// A job hash in the billing shard's key space, as that shard's script would write it.
		this.support.redis("HSET", "ql:{billing}:j:dep", "jid", "dep", "state", "waiting");
		assertThat(this.qless.router().ofJid("dep").name()).isEqualTo("billing");
		assertThatExceptionOfType(CrossShardException.class)
			.isThrownBy(() -> this.qless.queue("orders-eu").put(PutRequest.of("K", null).depends("dep")))
			.withMessageContaining("cannot depend on job dep of shard 'billing': dependencies hold only within a shard");
		assertThatExceptionOfType(CrossShardException.class)
			.isThrownBy(() -> this.qless.queue("orders-eu").put(PutRequest.of("K", null).jid("dep")))
			.withMessageContaining("job dep lives in shard 'billing' and cannot be put into queue 'orders-eu'");
	}

	@Test
	void aJidFoundInNoShardGoesToTheDefaultShard() {
		assertThat(this.qless.router().ofJid("nowhere").isDefault()).isTrue();
		assertThat(this.qless.jobs().get("nowhere")).isNull();
	}

	@Test
	void eachShardKeepsItsJobsInItsOwnKeySpace() {
		assumeTrue(this.prefixed, "the script does not take its key prefix from KEYS[1] yet");
		String order = this.qless.queue("orders-eu").put("Order", Map.of("n", 1));
		String invoice = this.qless.queue("invoices-2").put("Invoice", Map.of("n", 2));
		String mail = this.qless.queue("mail").put("Mail", Map.of("n", 3));
		assertThat(this.support.exists("ql:{orders}:j:" + order)).isTrue();
		assertThat(this.support.exists("ql:j:" + order)).isFalse();
		assertThat(this.support.exists("ql:{billing}:j:" + invoice)).isTrue();
		assertThat(this.support.exists("ql:j:" + mail)).as("the default shard keeps plain keys").isTrue();
		assertThat(this.qless.queues()).extracting(QueueCounts::name)
			.containsExactlyInAnyOrder("orders-eu", "invoices-2", "mail");
		assertThat(this.qless.queues(0, 10).total()).isEqualTo(3);
		assertThat(this.qless.queues(1, 1).queues()).hasSize(1);

		// A fresh client has no memory of these jids: it finds them by looking in each shard.
		try (QlessTestSupport other = new QlessTestSupport(this.redis)) {
			other.template.setShards(shards());
			assertThat(other.template.jobs().get(order).queue()).isEqualTo("orders-eu");
			assertThat(other.template.jobs().get(List.of(mail, invoice, order))).extracting(Job::jid)
				.containsExactly(mail, invoice, order);
		}
		List<Job> popped = this.qless.queue("orders-eu").pop("w", 5);
		assertThat(popped).extracting(Job::jid).containsExactly(order);
		assertThat(this.qless.jobs().heartbeat(order, "w")).isNotNull();
		Job job = popped.get(0);
		assertThat(this.qless.jobs().complete(job.jid(), "w", job.queue(), null, "orders-done", Duration.ZERO, List.of()))
			.isEqualTo(JobState.WAITING);
		assertThat(this.qless.jobs().get(order).queue()).isEqualTo("orders-done");
		assertThat(this.qless.jobs().cancel(invoice, mail)).containsExactlyInAnyOrder(invoice, mail);
	}

	@Test
	void aQueueThrottleIsNamedAsTheShardsScriptNamesIt() {
		assumeTrue(this.prefixed, "the script does not take its key prefix from KEYS[1] yet");
		this.qless.throttles().set(Throttle.queueThrottleId("orders-eu"), 1);
		assertThat(this.qless.throttles().getQueueThrottle("orders-eu").maximum()).isEqualTo(1);
		assertThat(this.qless.throttles().get("ql:{orders}:q:orders-eu").maximum()).isEqualTo(1);
		String first = this.qless.queue("orders-eu").put(PutRequest.of("K", null).throttles("ql:q:orders-eu", "api"));
		String second = this.qless.queue("orders-eu").put("K", null);
		assertThat(this.qless.jobs().get(first).throttles()).containsExactly("api", "ql:{orders}:q:orders-eu");
		List<Job> popped = this.qless.queue("orders-eu").pop("w", 5);
		assertThat(popped).as("the queue's throttle lets one run at a time").hasSize(1);
		String running = popped.get(0).jid();
		assertThat(this.qless.throttles().status(List.of("ql:q:orders-eu"))).singleElement().satisfies((status) -> {
			assertThat(status.id()).isEqualTo("ql:q:orders-eu");
			assertThat(status.locks()).isEqualTo(1);
			assertThat(status.pending()).isEqualTo(1);
		});
		assertThat(this.qless.throttles().locks("ql:q:orders-eu")).containsExactly(running);
		assertThat(this.qless.throttles().pending("ql:q:orders-eu"))
			.containsExactly(running.equals(first) ? second : first);
	}

	@Test
	void configurationIsWrittenToEveryShard() {
		assumeTrue(this.prefixed, "the script does not take its key prefix from KEYS[1] yet");
		this.qless.config().set(QlessConfigKey.HEARTBEAT, Duration.ofSeconds(90));
		assertThat(this.support.exists("ql:config")).isTrue();
		assertThat(this.support.exists("ql:{orders}:config")).isTrue();
		assertThat(this.support.exists("ql:{billing}:config")).isTrue();
	}

}
