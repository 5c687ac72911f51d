package io.qless.test.autoconfigure.slice;

import io.qless.core.PutRequest;
import io.qless.core.QlessOperations;
import io.qless.test.autoconfigure.QlessTest;
import io.qless.test.jobs.QlessTestJobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import static io.qless.test.assertj.QlessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Redis container the test declares with {@code @ServiceConnection} takes the place of
 * the test Redis. Needs a Docker engine: skipped without one.
 */
@QlessTest(handlers = MailJob.class)
@EnabledIf("io.qless.test.Docker#available")
class ServiceConnectionTests {

	@ServiceConnection(name = "redis")
	static final GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse("redis:7.4"))
		.withExposedPorts(6379);

	static {
		redis.start();
	}

	@Autowired
	private DataRedisConnectionDetails connectionDetails;

	@Autowired
	private QlessOperations qless;

	@Autowired
	private QlessTestJobs jobs;

	@Test
	void runsJobsOnTheDeclaredContainer() {
		assertThat(this.connectionDetails.getStandalone().getPort()).isEqualTo(redis.getMappedPort(6379));
		String jid = this.qless.queue("mail").put(PutRequest.of(MailJob.KLASS, new Mail("c@example.org")));
		assertThat(this.jobs.awaitCompleted(jid)).isComplete();
	}

}
