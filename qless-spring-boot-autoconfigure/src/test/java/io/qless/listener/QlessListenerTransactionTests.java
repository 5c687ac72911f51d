package io.qless.listener;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.qless.annotation.QlessJob;
import io.qless.annotation.QueueHandler;
import io.qless.core.Job;
import io.qless.core.JobState;
import io.qless.core.PutRequest;
import io.qless.core.QlessOperations;
import io.qless.core.QlessTemplate;
import io.qless.handler.JobHeader;
import io.qless.test.QlessRedisTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.util.AopTestUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A handler method annotated {@code @Transactional} runs in a transaction (through the
 * bean's proxy), and the jobs it puts exist once that transaction commits, never when it
 * rolls back.
 */
@QlessRedisTest
class QlessListenerTransactionTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private AnnotationConfigApplicationContext context;

	private QlessTemplate qless;

	private TransactionalHandlers handlers;

	@BeforeEach
	void start() {
		this.context = new AnnotationConfigApplicationContext();
		this.context.register(ListenerTestConfiguration.class, TransactionConfiguration.class,
				TransactionalHandlers.class);
		this.context.refresh();
		this.qless = this.context.getBean(QlessTemplate.class);
		this.qless.setAfterCommitPuts(true);
		// the bean is a transactional proxy; its state lives in the target
		this.handlers = AopTestUtils.getUltimateTargetObject(this.context.getBean(TransactionalHandlers.class));
	}

	@AfterEach
	void stop() {
		this.context.close();
	}

	@Test
	void transactionalHandlerPutsItsFollowUpAtCommit() throws Exception {
		String jid = this.qless.queue("tx-orders").put(TransactionalHandlers.KLASS, Map.of("order", "o-1"));

		assertThat(this.handlers.inTransaction.poll(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		awaitState(jid, JobState.COMPLETE);
		String followUp = this.handlers.followUps.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(this.qless.jobs().get(followUp)).isNotNull();
		assertThat(this.context.getBean(JdbcTemplate.class).queryForObject("select count(*) from shipments",
				Integer.class)).isEqualTo(1);
	}

	@Test
	void failingTransactionalHandlerPutsNothing() throws Exception {
		String jid = this.qless.queue("tx-orders")
			.put(PutRequest.of(TransactionalHandlers.KLASS, Map.of("order", "o-2", "fail", true)).retries(0));

		awaitState(jid, JobState.FAILED);
		String followUp = this.handlers.followUps.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
		assertThat(this.qless.jobs().get(followUp)).as("put in a rolled back transaction").isNull();
		assertThat(this.qless.queue("tx-shipping").length()).isZero();
		assertThat(this.context.getBean(JdbcTemplate.class).queryForObject("select count(*) from shipments",
				Integer.class)).isZero();
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

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class TransactionConfiguration {

		@Bean
		DataSource dataSource() {
			return new SimpleDriverDataSource(new org.h2.Driver(),
					"jdbc:h2:mem:shipments-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		}

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			jdbc.execute("create table shipments (id varchar(64) primary key)");
			return jdbc;
		}

		@Bean
		PlatformTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

	}

	@QlessJob(TransactionalHandlers.KLASS)
	static class TransactionalHandlers {

		static final String KLASS = "shop.ShipOrder";

		final BlockingQueue<Boolean> inTransaction = new LinkedBlockingQueue<>();

		final BlockingQueue<String> followUps = new LinkedBlockingQueue<>();

		@Autowired
		QlessOperations qless;

		@Autowired
		JdbcTemplate jdbc;

		@Transactional
		@QueueHandler("tx-orders")
		public void ship(Map<String, Object> order, @JobHeader(JobHeader.JID) String jid) {
			this.inTransaction.add(TransactionSynchronizationManager.isActualTransactionActive());
			this.jdbc.update("insert into shipments values (?)", order.get("order"));
			this.followUps.add(this.qless.queue("tx-shipping").put("shop.Notify", Map.of("order", order.get("order"))));
			if (Boolean.TRUE.equals(order.get("fail"))) {
				throw new IllegalStateException("no truck");
			}
		}

	}

}
