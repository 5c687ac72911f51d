package io.qless.deployment;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.qless.core.BatchResult;
import io.qless.core.JobState;
import io.qless.core.PutRequest;
import io.qless.core.QlessOperations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A master, a replica and a sentinel of the test's own, and an application configured
 * through {@code spring.data.redis.sentinel}: the master is killed in the middle of a run,
 * the sentinel promotes the replica, and the application's containers carry on against
 * the new master on their own. Every job put before the failover (and replicated) is
 * completed; a job whose completion the old master acknowledged but never replicated runs
 * again once its lease expires, which is what asynchronous replication can cost.
 */
class QlessSentinelFailoverTests {

	private static final String MASTER = "qless";

	private static final int JOBS = 400;

	@TempDir
	Path dir;

	private final List<RedisProcess> servers = new ArrayList<>();

	private RedisProcess master;

	private RedisProcess replica;

	private RedisProcess sentinel;

	private RedisClient admin;

	@BeforeEach
	void startMasterReplicaAndSentinel() throws Exception {
		int masterPort = RedisProcess.freePort();
		this.master = started(RedisProcess.start(this.dir, masterPort, List.of("--port", Integer.toString(masterPort))));
		int replicaPort = RedisProcess.freePort();
		this.replica = started(RedisProcess.start(this.dir, replicaPort,
				List.of("--port", Integer.toString(replicaPort), "--replicaof", "127.0.0.1", Integer.toString(masterPort))));
		this.admin = RedisClient.create();
		awaitReplicaInSync();
		int sentinelPort = RedisProcess.freePort();
		Path configuration = this.dir.resolve("sentinel.conf");
		Files.writeString(configuration, String.join("\n", "sentinel monitor " + MASTER + " 127.0.0.1 " + masterPort + " 1",
				"sentinel down-after-milliseconds " + MASTER + " 1000",
				"sentinel failover-timeout " + MASTER + " 10000", ""));
		this.sentinel = started(RedisProcess.startSentinel(this.dir, sentinelPort, configuration));
		awaitSentinelKnowsReplica();
	}

	@AfterEach
	void stopAll() {
		if (this.admin != null) {
			this.admin.shutdown();
		}
		this.servers.forEach(RedisProcess::close);
	}

	@Test
	void containersCarryOnAfterAFailover() throws Exception {
		try (ConfigurableApplicationContext context = application()) {
			QlessOperations qless = context.getBean(QlessOperations.class);
			DeploymentApp.Recorder recorder = context.getBean(DeploymentApp.Recorder.class);
			List<PutRequest> puts = new ArrayList<>();
			for (int i = 0; i < JOBS; i++) {
				puts.add(PutRequest.of(DeploymentApp.KLASS, new DeploymentApp.Work("job-" + i, 10)));
			}
			List<String> jids = qless.queue("failover").putAll(puts).stream().map(BatchResult::getRequired).toList();
			assertThat(replicated()).as("replicas that acknowledged the puts").isEqualTo(1);

			Set<String> ran = new HashSet<>();
			while (ran.size() < JOBS / 8) {
				ran.add(recorder.done.poll(10, TimeUnit.SECONDS));
			}
			this.master.kill();

			for (String jid : jids) {
				Awaits.state(qless, jid, JobState.COMPLETE, Duration.ofSeconds(60));
			}
			assertThat(currentMasterPort()).as("master after the failover").isEqualTo(this.replica.port());

			String after = qless.queue("failover").put(DeploymentApp.KLASS, new DeploymentApp.Work("after"));
			Awaits.state(qless, after, JobState.COMPLETE, Duration.ofSeconds(30));
		}
		catch (AssertionError ex) {
			throw new AssertionError(ex.getMessage() + "\nsentinel log:\n" + this.sentinel.log(), ex);
		}
	}

	private ConfigurableApplicationContext application() {
		return new SpringApplicationBuilder(DeploymentApp.class)
			.properties("spring.data.redis.sentinel.master=" + MASTER,
					"spring.data.redis.sentinel.nodes=127.0.0.1:" + this.sentinel.port(), "qless.worker-name=sentinel-worker",
					"qless.server.heartbeat=3s", "qless.timeout=2s", "qless.listener.idle-poll-interval=500ms")
			.run();
	}

	private RedisProcess started(RedisProcess server) {
		this.servers.add(server);
		return server;
	}

	private long replicated() {
		try (StatefulRedisConnection<String, String> connection = this.admin
			.connect(RedisURI.create("127.0.0.1", this.master.port()))) {
			return connection.sync().waitForReplication(1, 5000);
		}
	}

	private void awaitReplicaInSync() throws InterruptedException {
		try (StatefulRedisConnection<String, String> connection = this.admin
			.connect(RedisURI.create("127.0.0.1", this.replica.port()))) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (!connection.sync().info("replication").contains("master_link_status:up")) {
				assertThat(System.nanoTime()).as("replica in sync").isLessThan(deadline);
				Thread.sleep(50);
			}
		}
	}

	private void awaitSentinelKnowsReplica() throws InterruptedException {
		try (StatefulRedisSentinelConnection<String, String> connection = this.admin
			.connectSentinel(RedisURI.create("127.0.0.1", this.sentinel.port()))) {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (connection.sync().replicas(MASTER).isEmpty()) {
				assertThat(System.nanoTime()).as("sentinel found the replica").isLessThan(deadline);
				Thread.sleep(50);
			}
		}
	}

	private int currentMasterPort() {
		try (StatefulRedisSentinelConnection<String, String> connection = this.admin
			.connectSentinel(RedisURI.create("127.0.0.1", this.sentinel.port()))) {
			return ((InetSocketAddress) connection.sync().getMasterAddrByName(MASTER)).getPort();
		}
	}

}
