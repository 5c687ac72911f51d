package io.qless.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.FlushMode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.qless.core.Job;
import io.qless.core.JobState;
import io.qless.core.PutRequest;
import io.qless.core.QlessOperations;
import io.qless.core.QlessTemplate;
import io.qless.core.RecurRequest;
import io.qless.endpoint.QlessEndpoint;
import io.qless.health.QlessHealthIndicator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application connecting as the ACL user that {@code docs/operations.md} documents (the
 * rule is read from that page, so the two cannot drift): everything the application does
 * with qless works, in both dialects, and the user can do nothing outside qless.
 */
class QlessAclUserTests {

	private static final String PASSWORD = "acl-test-secret";

	@TempDir
	Path dir;

	private RedisProcess redis;

	private RedisClient admin;

	@BeforeEach
	void startRedisWithTheDocumentedUser() throws Exception {
		int port = RedisProcess.freePort();
		this.redis = RedisProcess.start(this.dir, port, List.of("--port", Integer.toString(port)));
		this.admin = RedisClient.create();
		try (StatefulRedisConnection<String, String> connection = connect(null, null)) {
			List<String> rule = documentedRule();
			CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8);
			rule.forEach(args::add);
			String reply = connection.sync().dispatch(CommandType.ACL, new StatusOutput<>(StringCodec.UTF8), args);
			assertThat(reply).isEqualTo("OK");
			connection.sync().set("app:other", "not qless");
		}
	}

	@AfterEach
	void stopRedis() {
		if (this.admin != null) {
			this.admin.shutdown();
		}
		if (this.redis != null) {
			this.redis.close();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "qless", "reqless" })
	void everythingTheApplicationDoesWorksAsTheQlessUser(String dialect) throws Exception {
		try (ConfigurableApplicationContext context = application(dialect)) {
			QlessOperations qless = context.getBean(QlessOperations.class);
			DeploymentApp.Recorder recorder = context.getBean(DeploymentApp.Recorder.class);

			String first = qless.queue("secure")
				.put(PutRequest.of(DeploymentApp.KLASS, new DeploymentApp.Work("first")).tags("acl"));
			String second = qless.queue("secure")
				.put(PutRequest.of(DeploymentApp.KLASS, new DeploymentApp.Work("second")).depends(first));
			assertThat(qless.jobs().track(second)).isTrue();
			assertThat(recorder.done.poll(10, TimeUnit.SECONDS)).isEqualTo("first");
			assertThat(recorder.done.poll(10, TimeUnit.SECONDS)).isEqualTo("second");
			Awaits.state(qless, second, JobState.COMPLETE);

			String recurring = qless.queue("secure")
				.recur(RecurRequest.of(DeploymentApp.KLASS, new DeploymentApp.Work("again"), Duration.ofHours(1)));
			assertThat(qless.recurring().get(recurring)).isNotNull();

			String failing = qless.queue("elsewhere").put(DeploymentApp.KLASS, new DeploymentApp.Work("fails"));
			qless.queue("elsewhere").pop("acl-admin", 1);
			qless.jobs().fail(failing, "acl-admin", "acl.failure", "failed on purpose", null);
			assertThat(qless.failures().groups()).containsEntry("acl.failure", 1L);
			assertThat(qless.jobs().tagged("acl", 0, 10).jids()).contains(first);

			assertThat(qless.queues(0, 10).queues()).extracting("name").contains("secure", "elsewhere");
			assertThat(context.getBean(QlessEndpoint.class).overview().workers()).extracting("name")
				.contains("acl-worker");
			assertThat(context.getBean(QlessHealthIndicator.class).health(true).getStatus()).isEqualTo(Status.UP);
			assertThat(((QlessTemplate) qless).getCallMode()).startsWith("FCALL");
			Job job = qless.jobs().get(first);
			assertThat(job.history()).extracting("what").contains("done");
		}
	}

	@Test
	void theQlessUserCannotTouchAnythingElse() {
		try (StatefulRedisConnection<String, String> connection = connect("qless", PASSWORD)) {
			RedisCommands<String, String> commands = connection.sync();
			assertThat(commands.set("ql:mine", "yes")).isEqualTo("OK");
			assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(() -> commands.get("app:other"))
				.withMessageContaining("NOPERM");
			assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(commands::flushall)
				.withMessageContaining("NOPERM");
			assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(() -> commands.configGet("*"))
				.withMessageContaining("NOPERM");
			assertThatExceptionOfType(RedisCommandExecutionException.class).isThrownBy(() -> commands.functionFlush(FlushMode.SYNC))
				.withMessageContaining("NOPERM");
			assertThatExceptionOfType(RedisCommandExecutionException.class)
				.isThrownBy(() -> commands.eval("return redis.call('get', 'app:other')",
						ScriptOutputType.VALUE))
				.withMessageContaining("can't access");
		}
	}

	private ConfigurableApplicationContext application(String dialect) {
		return new SpringApplicationBuilder(DeploymentApp.class)
			.properties("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + this.redis.port(),
					"spring.data.redis.username=qless", "spring.data.redis.password=" + PASSWORD,
					"qless.dialect=" + dialect, "qless.worker-name=acl-worker", "qless.server.heartbeat=30s",
					"qless.throttles.acl-throttle.maximum=2", "qless.listener.idle-poll-interval=1m",
					"management.endpoints.web.exposure.include=qless")
			.run();
	}

	private StatefulRedisConnection<String, String> connect(String user, String password) {
		RedisURI.Builder uri = RedisURI.builder().withHost("127.0.0.1").withPort(this.redis.port());
		if (user != null) {
			uri.withAuthentication(user, password);
		}
		return this.admin.connect(uri.build());
	}

	/**
	 * The {@code ACL SETUSER} line of {@code docs/operations.md}, split into words, with
	 * the test's password.
	 */
	static List<String> documentedRule() throws IOException {
		Path page = Path.of("..", "docs", "operations.md");
		String line = Files.readAllLines(page)
			.stream()
			.filter((candidate) -> candidate.startsWith("ACL SETUSER qless "))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no 'ACL SETUSER qless' line in " + page.toAbsolutePath()));
		return Arrays.stream(line.replace(">CHANGE-ME", ">" + PASSWORD).split("\\s+")).skip(1).toList();
	}

}
