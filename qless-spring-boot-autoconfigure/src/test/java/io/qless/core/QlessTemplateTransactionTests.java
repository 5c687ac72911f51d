package io.qless.core;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import io.qless.test.TestRedisConnections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Puts inside a JDBC transaction (H2): the job exists once the transaction commits, with
 * the jid the put returned, and never if it rolls back.
 */
@QlessRedisTest
class QlessTemplateTransactionTests {

	private LettuceConnectionFactory connectionFactory;

	private QlessTemplate qless;

	private JdbcTemplate jdbc;

	private TransactionTemplate transactions;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.connectionFactory = TestRedisConnections.lettuce(redis);
		this.qless = new QlessTemplate(this.connectionFactory, JsonMapper.builder().build());
		this.qless.setAfterCommitPuts(true);
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:orders-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.execute("create table orders (id varchar(64) primary key)");
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	@AfterEach
	void tearDown() {
		this.connectionFactory.destroy();
	}

	@Test
	void putInsideACommittedTransactionHappensAtCommitWithItsJid() {
		String jid = this.transactions.execute((status) -> {
			this.jdbc.update("insert into orders values ('o-1')");
			String put = this.qless.queue("orders").put("Ship", Map.of("order", "o-1"));
			assertThat(this.qless.jobs().get(put)).as("not put before the commit").isNull();
			return put;
		});
		Job job = this.qless.jobs().get(jid);
		assertThat(job).isNotNull();
		assertThat(job.state()).isEqualTo(JobState.WAITING);
		assertThat(this.jdbc.queryForObject("select count(*) from orders", Integer.class)).isEqualTo(1);
	}

	@Test
	void putInsideARolledBackTransactionNeverHappens() {
		String[] jid = new String[1];
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.update("insert into orders values ('o-2')");
			jid[0] = this.qless.queue("orders").put("Ship", Map.of("order", "o-2"));
			this.qless.queue("orders").putAll(List.of(PutRequest.of("Ship", Map.of("order", "o-2b"))));
			status.setRollbackOnly();
		});
		assertThat(this.qless.jobs().get(jid[0])).isNull();
		assertThat(this.qless.queue("orders").length()).isZero();
		assertThat(this.jdbc.queryForObject("select count(*) from orders", Integer.class)).isZero();
	}

	@Test
	void putAllAndBatchesWaitForTheCommitToo() throws Exception {
		CompletableFuture<String> batched = this.transactions.execute((status) -> {
			List<BatchResult<String>> puts = this.qless.queue("orders")
				.putAll(List.of(PutRequest.of("Ship", Map.of("n", 1)), PutRequest.of("Ship", Map.of("n", 2))));
			assertThat(puts).allSatisfy((result) -> assertThat(result.getRequired()).isNotBlank());
			QlessBatch batch = this.qless.batch();
			CompletableFuture<String> put = batch.put("orders", PutRequest.of("Ship", Map.of("n", 3)));
			batch.execute();
			assertThat(put).isNotDone();
			assertThat(this.qless.queue("orders").length()).isZero();
			return put;
		});
		assertThat(batched.get()).isNotBlank();
		assertThat(this.qless.queue("orders").length()).isEqualTo(3);
	}

	@Test
	void uniquePutsHeldForTheCommitCarryTheirKey() {
		PutRequest request = PutRequest.of("Ship", Map.of("order", "o-3")).unique("order-o-3");
		List<String> jids = this.transactions.execute((status) -> List.of(this.qless.queue("orders").put(request),
				this.qless.queue("orders").putAll(List.of(request)).get(0).getRequired()));
		assertThat(jids.get(1)).as("a duplicate is not known before the commit").isNotEqualTo(jids.get(0));
		assertThat(this.qless.jobs().get(jids.get(0))).isNotNull();
		assertThat(this.qless.jobs().get(jids.get(1))).as("the second put was a duplicate").isNull();
		assertThat(this.qless.queue("orders").length()).isEqualTo(1);
	}

	@Test
	void rolledBackBatchFailsItsFutures() {
		CompletableFuture<String> batched = this.transactions.execute((status) -> {
			QlessBatch batch = this.qless.batch();
			CompletableFuture<String> put = batch.put("orders", PutRequest.of("Ship", Map.of("n", 1)));
			batch.execute();
			status.setRollbackOnly();
			return put;
		});
		assertThatExceptionOfType(ExecutionException.class).isThrownBy(batched::get)
			.withMessageContaining("rolled back");
		assertThat(this.qless.queue("orders").length()).isZero();
	}

	@Test
	void withAfterCommitPutsOffPutsHappenAtOnce() {
		this.qless.setAfterCommitPuts(false);
		this.transactions.executeWithoutResult((status) -> {
			String jid = this.qless.queue("orders").put("Ship", Map.of());
			assertThat(this.qless.jobs().get(jid)).isNotNull();
			status.setRollbackOnly();
		});
		assertThat(this.qless.queue("orders").length()).isEqualTo(1);
	}

}
