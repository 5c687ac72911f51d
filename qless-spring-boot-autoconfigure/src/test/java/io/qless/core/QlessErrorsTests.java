package io.qless.core;

import java.util.Map;

import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@QlessRedisTest
class QlessErrorsTests {

	private QlessTestSupport support;

	private QlessTemplate qless;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.support = new QlessTestSupport(redis);
		this.qless = this.support.template;
	}

	@AfterEach
	void tearDown() {
		this.support.close();
	}

	@Test
	void scriptMessageIsExtractedFromRedis7Wrapper() {
		assertThat(QlessErrors.scriptMessage(
				"ERR user_script:12: Complete(): Job a does not exist script: 0123abcd, on @user_script:12."))
			.isEqualTo("Complete(): Job a does not exist");
		assertThat(QlessErrors.scriptMessage(
				"ERR Error running script (call to f_0123abcd): @user_script:7: user_script:7: Pop(): Arg \"worker\" missing"))
			.isEqualTo("Pop(): Arg \"worker\" missing");
		assertThat(QlessErrors.scriptMessage("ERR something else")).isEqualTo("something else");
	}

	@Test
	void messagesMapToTheHierarchy() {
		assertThat(QlessErrors.fromMessage("priority", "Priority(): Job a does not exist", null))
			.isExactlyInstanceOf(JobNotFoundException.class);
		assertThat(QlessErrors.fromMessage("complete", "Complete(): Job a does not exist", null))
			.isExactlyInstanceOf(LockLostException.class);
		assertThat(QlessErrors.fromMessage("fail", "Fail(): Job anot currently running: waiting", null))
			.isInstanceOfSatisfying(LockLostException.class,
					(ex) -> assertThat(ex.getReason()).isEqualTo(LockLostException.Reason.NOT_RUNNING));
		assertThat(QlessErrors.fromMessage("recur.update", "Recur(): No recurring job x", null))
			.isExactlyInstanceOf(JobNotFoundException.class);
		assertThat(QlessErrors.fromMessage("put", "Put(): Arg \"delay\" not a number: x", null))
			.isExactlyInstanceOf(QlessArgumentException.class);
		assertThat(QlessErrors.fromMessage("get", "Job(): no jid provided", null))
			.isExactlyInstanceOf(QlessArgumentException.class);
		assertThat(QlessErrors.fromMessage("x", "something odd", null)).isExactlyInstanceOf(QlessException.class);
	}

	@Test
	void malformedArgumentsFromTheScript() {
		assertThatExceptionOfType(QlessArgumentException.class)
			.isThrownBy(this::jobsOfUnknownState)
			.satisfies((ex) -> assertThat(ex.getScriptMessage()).startsWith("Jobs(): Unknown type"));
		assertThatExceptionOfType(QlessArgumentException.class)
			.isThrownBy(() -> this.qless.queue("q").put(PutRequest.of("K", new RawJson("false"))))
			.satisfies((ex) -> {
				assertThat(ex.getCommand()).isEqualTo("put");
				assertThat(ex.getScriptMessage()).isEqualTo("Put(): Arg \"data\" missing or not JSON: false");
			});
		assertThatExceptionOfType(QlessArgumentException.class)
			.isThrownBy(() -> this.qless.queue("q").recur(RecurRequest.of("K", null, java.time.Duration.ZERO)))
			.satisfies((ex) -> assertThat(ex.getScriptMessage())
				.isEqualTo("Recur(): Arg \"interval\" must be greater than 0"));
	}

	private void jobsOfUnknownState() {
		// "jobs" with an unknown state cannot be expressed through the typed API.
		this.qless.execute(new QlessCommand<>(new ScriptCall("jobs", java.time.Clock.fixed(java.time.Instant.EPOCH, java.time.ZoneOffset.UTC), java.util.List.of("bogus", "q")),
				(reply) -> ""));
	}

	@Test
	void lockLostIsRaisedForAJobThatWasNeverPopped() {
		this.qless.queue("q").put(PutRequest.of("K", Map.of()).jid("a"));
		assertThatExceptionOfType(LockLostException.class)
			.isThrownBy(() -> this.qless.jobs().complete("a", "w", "q", Map.of()))
			.satisfies((ex) -> {
				assertThat(ex.getReason()).isEqualTo(LockLostException.Reason.NOT_RUNNING);
				assertThat(ex.getScriptMessage()).isEqualTo("Complete(): Job a is not currently running: waiting");
				assertThat(ex.getMessage()).isEqualTo("complete: Complete(): Job a is not currently running: waiting");
			});
	}

	@Test
	void unknownJobForAdministrativeCommands() {
		assertThatExceptionOfType(JobNotFoundException.class).isThrownBy(() -> this.qless.jobs().priority("x", 1))
			.satisfies((ex) -> assertThat(ex.getScriptMessage()).isEqualTo("Priority(): Job x does not exist"));
		assertThatExceptionOfType(JobNotFoundException.class).isThrownBy(() -> this.qless.jobs().tag("x", "t"));
		assertThatExceptionOfType(JobNotFoundException.class).isThrownBy(() -> this.qless.jobs().track("x"));
		assertThatExceptionOfType(JobNotFoundException.class).isThrownBy(() -> this.qless.jobs().timeout("x"));
	}

}
