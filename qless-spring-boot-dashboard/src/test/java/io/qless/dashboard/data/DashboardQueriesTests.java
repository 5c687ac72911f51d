package io.qless.dashboard.data;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.qless.core.Job;
import io.qless.core.PutRequest;
import io.qless.core.QlessArgumentException;
import io.qless.core.QlessShards;
import io.qless.core.QlessTemplate;
import io.qless.core.QueueCounts;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Paging at scale: 1,000 queues and 100,000 jobs in one queue, read a page at a time, and
 * the throughput source against a script without the {@code throughput} command.
 */
@QlessRedisTest
class DashboardQueriesTests {

	private LettuceConnectionFactory connectionFactory;

	private QlessTemplate qless;

	private DashboardQueries queries;

	@BeforeEach
	void setUp(TestRedis redis) {
		RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(redis.host(), redis.port());
		configuration.setDatabase(redis.database());
		this.connectionFactory = new LettuceConnectionFactory(configuration);
		this.connectionFactory.afterPropertiesSet();
		this.connectionFactory.start();
		this.qless = new QlessTemplate(this.connectionFactory, JsonMapper.builder().build());
		this.queries = new DashboardQueries(this.qless, new ScriptThroughputSource(this.qless), true,
				Clock.systemUTC());
	}

	@AfterEach
	void tearDown() {
		this.connectionFactory.destroy();
	}

	@Test
	void throughputComesFromTheScript() {
		for (int i = 0; i < 3; i++) {
			this.qless.queue("work").put("Job", null);
		}
		List<Job> popped = this.qless.queue("work").pop("worker", 3);
		this.qless.jobs().complete(popped.get(0));
		this.qless.jobs().complete(popped.get(1));
		this.qless.jobs().fail(popped.get(2).jid(), "worker", "boom", "Boom");

		Pages.Overview overview = this.queries.overview(0, 25);

		assertThat(overview.throughput().available()).isTrue();
		assertThat(overview.throughput().minutes()).hasSize(60);
		assertThat(overview.throughput().hours()).hasSize(24);
		Throughput.Bucket now = overview.throughput().minutes().get(59);
		assertThat(now.completed()).isEqualTo(2);
		assertThat(now.failed()).isEqualTo(1);
		assertThat(overview.minutes().completed()).isEqualTo(2);
		assertThat(overview.hours().failed()).isEqualTo(1);
	}

	@Test
	void queuesOfEveryShardAreListedWithTheirShard() {
		this.qless.setShards(QlessShards.of(false, Map.of("orders", List.of("orders-*"))));
		try {
			this.qless.queue("orders-eu").length();
		}
		catch (QlessArgumentException ex) {
			assumeTrue(false, "the script does not take its key prefix from KEYS[1] yet");
		}
		this.qless.queue("orders-eu").put("Order", null);
		this.qless.queue("mail").put("Mail", null);
		List<Job> popped = this.qless.queue("orders-eu").pop("worker", 1);
		this.qless.jobs().complete(popped.get(0));

		Pages.Overview overview = this.queries.overview(0, 25);

		assertThat(overview.sharded()).isTrue();
		assertThat(overview.queues()).extracting(QueueCounts::name).containsExactlyInAnyOrder("orders-eu", "mail");
		assertThat(overview.shards()).containsEntry("orders-eu", "orders").containsEntry("mail", "default");
		assertThat(overview.throughput().minutes().get(59).completed()).as("throughput of every shard").isEqualTo(1);
	}

	@Test
	void withoutShardsTheOverviewShowsNoShardColumn() {
		this.qless.queue("mail").put("Mail", null);
		assertThat(this.queries.overview(0, 25).sharded()).isFalse();
	}

	@Test
	void aHundredThousandJobsAndAThousandQueuesArePaged() {
		List<PutRequest> batch = new ArrayList<>();
		for (int i = 0; i < 100_000; i++) {
			batch.add(PutRequest.of("Big", null).jid(String.format("job-%06d", i)));
			if (batch.size() == 2_000) {
				this.qless.queue("big").putAll(batch);
				batch.clear();
			}
		}
		var queues = this.qless.batch();
		for (int i = 0; i < 1_000; i++) {
			queues.put(String.format("q-%04d", i), PutRequest.of("Small", null));
		}
		queues.execute();

		Pages.Queue first = this.queries.queue("big", "waiting", false, 0, 25);
		assertThat(first.paging().total()).isEqualTo(100_000);
		assertThat(first.jobs()).extracting(JobSummary::jid)
			.containsExactlyElementsOf(this.qless.queue("big").peek(25).stream().map(Job::jid).toList());

		Pages.Queue deep = this.queries.queue("big", "waiting", false, 99_950, 100);
		assertThat(deep.jobs()).hasSize(50);
		assertThat(deep.paging().hasNext()).isFalse();

		Pages.Queue newest = this.queries.queue("big", "waiting", true, 0, 50);
		List<String> lastFifty = new ArrayList<>(deep.jobs().stream().map(JobSummary::jid).toList());
		Collections.reverse(lastFifty);
		assertThat(newest.jobs()).extracting(JobSummary::jid).containsExactlyElementsOf(lastFifty);
		Pages.Queue newestLastPage = this.queries.queue("big", "waiting", true, 99_975, 50);
		List<String> firstTwentyFive = new ArrayList<>(first.jobs().stream().map(JobSummary::jid).toList());
		Collections.reverse(firstTwentyFive);
		assertThat(newestLastPage.jobs()).extracting(JobSummary::jid).containsExactlyElementsOf(firstTwentyFive);

		Pages.Overview overview = this.queries.overview(975, 50);
		assertThat(overview.paging().total()).isEqualTo(1_001);
		assertThat(overview.queues()).hasSize(26);
		assertThat(this.queries.throttles(List.of(), 1_000, 25).queues()).hasSize(1);
		assertThat(this.queries.recurring(0, 100).queues()).isEmpty();
	}

}
