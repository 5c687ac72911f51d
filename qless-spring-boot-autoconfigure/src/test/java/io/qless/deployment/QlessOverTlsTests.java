package io.qless.deployment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.qless.core.JobState;
import io.qless.core.QlessOperations;
import io.qless.health.QlessHealthIndicator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * An application reaching a Redis that only speaks TLS and wants client certificates,
 * configured as Boot configures any Redis connection: {@code spring.data.redis.ssl} with an
 * SSL bundle. Calls, the event subscription that wakes containers, and the health check
 * all go over TLS.
 */
class QlessOverTlsTests {

	@TempDir
	Path dir;

	private RedisProcess redis;

	private TestCertificate certificate;

	@BeforeEach
	void startTlsRedis() throws Exception {
		this.certificate = TestCertificate.create(this.dir);
		int port = RedisProcess.freePort();
		this.redis = RedisProcess.start(this.dir, port,
				List.of("--port", "0", "--tls-port", Integer.toString(port), "--tls-cert-file",
						this.certificate.certificate().toString(), "--tls-key-file",
						this.certificate.privateKey().toString(), "--tls-ca-cert-file",
						this.certificate.certificate().toString(), "--tls-auth-clients", "yes"));
	}

	@AfterEach
	void stopRedis() {
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@Test
	void jobsRunOverMutualTls() throws Exception {
		try (ConfigurableApplicationContext context = application()) {
			QlessOperations qless = context.getBean(QlessOperations.class);
			DeploymentApp.Recorder recorder = context.getBean(DeploymentApp.Recorder.class);

			String jid = qless.queue("secure").put(DeploymentApp.KLASS, new DeploymentApp.Work("over tls"));

			// The container polls every minute: only the event over TLS can start the job this soon.
			assertThat(recorder.done.poll(10, TimeUnit.SECONDS)).isEqualTo("over tls");
			Awaits.state(qless, jid, JobState.COMPLETE);
			assertThat(context.getBean(QlessHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
		}
	}

	@Test
	void theServerRefusesConnectionsInClearText() {
		RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", this.redis.port()));
		try {
			client.setOptions(ClientOptions.builder()
				.timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(2)))
				.build());
			assertThatException().isThrownBy(() -> {
				try (StatefulRedisConnection<String, String> connection = client.connect()) {
					connection.sync().ping();
				}
			});
		}
		finally {
			client.shutdown();
		}
	}

	private ConfigurableApplicationContext application() {
		String certificate = "file:" + this.certificate.certificate();
		return new SpringApplicationBuilder(DeploymentApp.class).properties("spring.data.redis.host=127.0.0.1",
				"spring.data.redis.port=" + this.redis.port(), "spring.data.redis.ssl.enabled=true",
				"spring.data.redis.ssl.bundle=redis", "spring.ssl.bundle.pem.redis.truststore.certificate=" + certificate,
				"spring.ssl.bundle.pem.redis.keystore.certificate=" + certificate,
				"spring.ssl.bundle.pem.redis.keystore.private-key=file:" + this.certificate.privateKey(),
				"qless.worker-name=tls-worker", "qless.listener.idle-poll-interval=1m")
			.run();
	}

}
