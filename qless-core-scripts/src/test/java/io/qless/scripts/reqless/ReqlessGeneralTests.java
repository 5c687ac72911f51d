package io.qless.scripts.reqless;

import io.lettuce.core.RedisException;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.qless.scripts.FunctionLibrary;
import io.qless.scripts.LuaScript;
import io.qless.scripts.QlessScripts;
import io.qless.scripts.RawOutput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Dispatch and the function-library build of the reqless script. */
class ReqlessGeneralTests extends ReqlessTestSupport {

	@Test
	void moreKeysThanThePrefixAreRefused() {
		assertThatExceptionOfType(RedisException.class)
			.isThrownBy(() -> this.reqless.callWithKeys(new String[] { "foo", "bar" }, "queue.put", "0"))
			.withMessageContaining("At most one key, the key prefix, may be provided");
	}

	@Test
	void unknownAndMissingCommands() {
		assertThat(this.reqless.error("put", 0)).contains("Unknown command put");
		assertThatExceptionOfType(RedisException.class).isThrownBy(() -> this.reqless.callArgv())
			.withMessageContaining("Must provide a command");
	}

	@Test
	void nowMustBeANumber() {
		assertThat(this.reqless.error("queue.put", "foo")).contains("Arg \"now\" missing or not a number: nil");
		assertThatExceptionOfType(RedisException.class).isThrownBy(() -> this.reqless.callArgv("queue.put"));
		assertThat(this.reqless.call("queue.length", "0x10", "q")).isEqualTo(0L);
	}

	@Test
	void everyCommandOfR8IsRouted() {
		String[] commands = { "config.get", "config.getAll", "config.set", "config.unset", "failureGroups.counts",
				"job.addDependency", "job.addTag", "job.cancel", "job.complete", "job.completeAndRequeue", "job.fail",
				"job.get", "job.getMulti", "job.heartbeat", "job.log", "job.removeDependency", "job.removeTag",
				"job.requeue", "job.retry", "job.setPriority", "job.timeout", "job.track", "job.untrack",
				"jobs.completed", "jobs.failedByGroup", "jobs.tagged", "jobs.tracked", "queue.counts", "queue.forget",
				"queue.jobsByState", "queue.length", "queue.pause", "queue.peek", "queue.pop", "queue.put",
				"queue.recurAtInterval", "queue.stats", "queue.throttle.get", "queue.throttle.set", "queue.unfail",
				"queue.unpause", "queueIdentifierPatterns.getAll", "queueIdentifierPatterns.setAll",
				"queuePriorityPatterns.getAll", "queuePriorityPatterns.setAll", "queues.counts", "queues.names",
				"recurringJob.addTag", "recurringJob.cancel", "recurringJob.get", "recurringJob.removeTag",
				"recurringJob.update", "tags.top", "throttle.delete", "throttle.get", "throttle.locks",
				"throttle.pending", "throttle.release", "throttle.set", "worker.forget", "worker.jobs",
				"workers.counts" };
		assertThat(commands).hasSize(62).doesNotHaveDuplicates();
		for (String command : commands) {
			try {
				this.reqless.call(command, 0);
			}
			catch (RedisException ex) {
				assertThat(ex.getMessage()).as(command).doesNotContain("Unknown command");
			}
		}
		// qless names are not reqless commands
		for (String command : new String[] { "get", "complete", "pop", "recur", "tag", "workers" }) {
			assertThat(this.reqless.error(command, 0)).contains("Unknown command " + command);
		}
	}

	@Test
	void functionLibraryRunsTheSameCode() {
		LuaScript library = QlessScripts.reqlessFunctionLibrary();
		assertThat(library.text()).startsWith("#!lua name=reqless\n");
		this.reqless.redis().functionLoad(library.text(), true);
		try {
			assertThat(fcall("queue.put", "0", "w", "q", "jid", "K", "{}", "0")).isEqualTo("jid");
			assertThat(fcall("queue.pop", "1", "q", "w", "1").toString()).contains("\"jid\":\"jid\"");
			assertThat(fcall("queue.pop", "1", "q", "w", "1")).isEqualTo("[]");
		}
		finally {
			if (!ReqlessScript.FCALL) {
				// under -Dqless.test.fcall=true the other tests call this library
				this.reqless.redis()
					.dispatch(CommandType.FUNCTION, new RawOutput(),
							new CommandArgs<>(StringCodec.UTF8).add("DELETE").add("reqless"));
			}
		}
	}

	@Test
	void versionedLibraryRegistersItsOwnName() {
		FunctionLibrary versioned = QlessScripts.versionedReqlessFunctionLibrary();
		String name = "reqless_" + QlessScripts.reqlessFunctionLibrary().sha1().substring(0, 12);
		assertThat(versioned.functionName()).isEqualTo(name);
		assertThat(versioned.text()).startsWith("#!lua name=" + name + "\n")
			.contains("redis.register_function('" + name + "',");
	}

	private Object fcall(String... argv) {
		CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add(QlessScripts.REQLESS_FUNCTION_NAME)
			.add(0)
			.addValues(argv);
		return this.reqless.redis().dispatch(CommandType.FCALL, new RawOutput(), args);
	}

}
