package io.qless.scripts;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.qless.test.TestRedis;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;


/**
 * Calls the qless script the way clients do, {@code EVALSHA sha 0 <command> <now> <args...>},
 * always with an explicit {@code now}, and returns the raw reply: a {@link Long}, a
 * {@link String}, a {@link List} or {@code null}. Also gives direct access to Redis so
 * tests can check the key layout other clients read.
 */
final class QlessScript {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	/**
	 * System property that routes every call without KEYS through the function library,
	 * {@code FCALL qless 0 ...}, so a test class can be run on that path too, e.g.
	 * {@code -Dtest='Throttle*Tests' -Dqless.test.fcall=true}. The tests that compare the two
	 * paths or pin EVALSHA's own error prefix call {@link #evalsha(String...)} themselves.
	 */
	static final String FCALL_PROPERTY = "qless.test.fcall";

	private static final boolean FCALL = Boolean.getBoolean(FCALL_PROPERTY);

	private static final Object lock = new Object();

	private static @Nullable QlessScript shared;

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private final RedisCommands<String, String> redis;

	private final LuaScript script;

	private final String url;

	private QlessScript(String url) {
		this.url = url;
		this.client = RedisClient.create(url);
		this.connection = this.client.connect();
		this.redis = this.connection.sync();
		this.script = QlessScripts.qless();
		assertThat(this.redis.scriptLoad(this.script.text())).isEqualTo(this.script.sha1());
		if (FCALL) {
			this.redis.functionLoad(QlessScripts.qlessFunctionLibrary().text(), true);
		}
	}

	/**
	 * Return the caller for the given Redis: one connection per JVM, the script loaded once
	 * on it. A flush between tests does not unload scripts.
	 */
	static QlessScript connect(TestRedis testRedis) {
		synchronized (lock) {
			if (shared == null || !shared.url.equals(testRedis.url())) {
				shared = new QlessScript(testRedis.url());
				QlessScript created = shared;
				Runtime.getRuntime().addShutdownHook(new Thread(() -> {
					created.connection.close();
					created.client.shutdown();
				}));
			}
			return shared;
		}
	}

	RedisClient client() {
		return this.client;
	}

	/** Synchronous commands on the test database, for reading and seeding raw keys. */
	RedisCommands<String, String> redis() {
		return this.redis;
	}

	/** Call {@code command} at time {@code now} (seconds) with the given arguments. */
	@Nullable Object call(String command, long now, Object... args) {
		return callArgv(argv(command, Long.toString(now), args));
	}

	/** Call {@code command} with {@code now} passed exactly as given, e.g. fractional. */
	@Nullable Object callAt(String command, String now, Object... args) {
		return callArgv(argv(command, now, args));
	}

	/** EVALSHA with exactly these ARGV entries (none added) and no KEYS. */
	@Nullable Object callArgv(String... argv) {
		return callWithKeys(new String[0], argv);
	}

	/** EVALSHA with KEYS, which the script must refuse. */
	@Nullable Object callWithKeys(String[] keys, String... argv) {
		if (FCALL && keys.length == 0) {
			return fcall(argv);
		}
		return evalsha(keys, argv);
	}

	/** EVALSHA with exactly these ARGV entries and no KEYS, whatever {@value #FCALL_PROPERTY} says. */
	@Nullable Object evalsha(String... argv) {
		return evalsha(new String[0], argv);
	}

	private @Nullable Object evalsha(String[] keys, String... argv) {
		CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add(this.script.sha1())
			.add(keys.length);
		if (keys.length > 0) {
			args.addKeys(keys);
		}
		if (argv.length > 0) {
			args.addValues(argv);
		}
		return this.redis.dispatch(CommandType.EVALSHA, new RawOutput(), args);
	}

	/** {@code FCALL qless 0 <argv>}, once the function library is loaded. */
	@Nullable Object fcall(String... argv) {
		CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add(QlessScripts.FUNCTION_NAME).add(0);
		if (argv.length > 0) {
			args.addValues(argv);
		}
		return this.redis.dispatch(CommandType.FCALL, new RawOutput(), args);
	}

	static String[] argv(String command, long now, Object... args) {
		return argv(command, Long.toString(now), args);
	}

	/** Call and parse a bulk-string reply as JSON. */
	JsonNode json(String command, long now, Object... args) {
		return parseReply(call(command, now, args));
	}

	/** Call a command that must fail, and return the Redis error text. */
	String error(String command, long now, Object... args) {
		return errorOf(() -> call(command, now, args));
	}

	/**
	 * Assert the call fails with a Lua string error carrying the {@code user_script:} prefix
	 * and the given message.
	 */
	void assertError(String message, String command, long now, Object... args) {
		assertThat(error(command, now, args)).contains(FCALL ? "user_function:" : "user_script:").contains(message);
	}

	static String errorOf(Runnable call) {
		try {
			call.run();
		}
		catch (RedisException ex) {
			assertThat(ex.getMessage()).isNotNull();
			return ex.getMessage();
		}
		throw new AssertionError("expected a Redis error reply");
	}

	static JsonNode parseReply(@Nullable Object reply) {
		assertThat(reply).as("JSON reply").isInstanceOf(String.class);
		return parse((String) reply);
	}

	static JsonNode parse(String json) {
		return MAPPER.readTree(json);
	}

	private static String[] argv(String command, String now, Object... args) {
		List<String> argv = new ArrayList<>();
		argv.add(command);
		argv.add(now);
		for (Object arg : args) {
			argv.add(String.valueOf(arg));
		}
		return argv.toArray(new String[0]);
	}

	// ---- shorthands for the commands most tests need as setup ----

	/** {@code put worker queue jid klass {} 0 [options]} by worker "worker". */
	@Nullable Object put(long now, String queue, String jid, Object... options) {
		return putBy(now, "worker", queue, jid, 0, options);
	}

	@Nullable Object putBy(long now, String worker, String queue, String jid, long delay, Object... options) {
		Object[] args = new Object[6 + options.length];
		args[0] = worker;
		args[1] = queue;
		args[2] = jid;
		args[3] = "klass";
		args[4] = "{}";
		args[5] = delay;
		System.arraycopy(options, 0, args, 6, options.length);
		return call("put", now, args);
	}

	JsonNode pop(long now, String queue, String worker, int count) {
		return json("pop", now, queue, worker, count);
	}

	/** Pop one job and return it, failing if none came out. */
	JsonNode popOne(long now, String queue, String worker) {
		JsonNode popped = pop(now, queue, worker, 1);
		assertThat(popped.isArray()).as("pop returned a job: %s", popped).isTrue();
		assertThat(popped.size()).isEqualTo(1);
		return popped.get(0);
	}

	JsonNode peek(long now, String queue, int count) {
		return json("peek", now, queue, count);
	}

	@Nullable Object complete(long now, String jid, String worker, String queue, Object... options) {
		Object[] args = new Object[4 + options.length];
		args[0] = jid;
		args[1] = worker;
		args[2] = queue;
		args[3] = "{}";
		System.arraycopy(options, 0, args, 4, options.length);
		return call("complete", now, args);
	}

	@Nullable Object fail(long now, String jid, String worker, String group, String message) {
		return call("fail", now, jid, worker, group, message);
	}

	/** The job object from {@code get}, or {@code null} when the job does not exist. */
	@Nullable JsonNode job(String jid) {
		Object reply = call("get", 0, jid);
		return (reply != null) ? parseReply(reply) : null;
	}

	String state(String jid) {
		JsonNode job = job(jid);
		assertThat(job).as("job %s", jid).isNotNull();
		return job.get("state").asString();
	}

	void config(String option, Object value) {
		assertThat(call("config.set", 0, option, value)).isNull();
	}

	Map<String, String> hash(String key) {
		return this.redis.hgetall(key);
	}

	@Nullable Double zscore(String key, String member) {
		return this.redis.zscore(key, member);
	}

	List<String> list(String key) {
		return this.redis.lrange(key, 0, -1);
	}

	/** The jids of a JSON array of job objects, in order. */
	static List<String> jids(JsonNode jobs) {
		List<String> jids = new ArrayList<>();
		if (jobs.isArray()) {
			for (JsonNode job : jobs) {
				jids.add(job.get("jid").asString());
			}
		}
		else {
			assertThat(jobs.isObject() && jobs.isEmpty()).as("empty result encodes as {}: %s", jobs).isTrue();
		}
		return jids;
	}

	/** The strings of a JSON array, or an empty list for {@code {}}. */
	static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		if (array.isArray()) {
			array.forEach((node) -> strings.add(node.asString()));
		}
		else {
			assertThat(array.isObject() && array.isEmpty()).as("empty list encodes as {}: %s", array).isTrue();
		}
		return strings;
	}

	static List<String> list(String... items) {
		return Arrays.asList(items);
	}

}
