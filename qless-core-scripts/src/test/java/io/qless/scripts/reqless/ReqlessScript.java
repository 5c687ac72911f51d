package io.qless.scripts.reqless;

import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.qless.scripts.LuaScript;
import io.qless.scripts.QlessScripts;
import io.qless.scripts.RawOutput;
import io.qless.test.TestRedis;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls the reqless script like reqless clients do, {@code EVALSHA sha 0 <command> <now>
 * <args...>}, and the qless script on the same database for the cross-dialect tests. Replies
 * are raw: {@link Long}, {@link String}, {@link List} or {@code null}.
 */
final class ReqlessScript {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	/**
	 * System property that routes every reqless call without KEYS through the function
	 * library, {@code FCALL reqless 0 ...}, so the reqless tests also run on that path, e.g.
	 * {@code -Dtest='Reqless*Tests,CrossDialectTests' -Dqless.test.fcall=true} (the qless
	 * calls of the cross-dialect tests then go through {@code FCALL qless}).
	 */
	static final boolean FCALL = Boolean.getBoolean("qless.test.fcall");

	private static final Object lock = new Object();

	private static @Nullable ReqlessScript shared;

	private final RedisClient client;

	private final RedisCommands<String, String> redis;

	private final LuaScript reqless = QlessScripts.reqless();

	private final LuaScript qless = QlessScripts.qless();

	private final String url;

	private ReqlessScript(String url) {
		this.url = url;
		this.client = RedisClient.create(url);
		StatefulRedisConnection<String, String> connection = this.client.connect();
		this.redis = connection.sync();
		assertThat(this.redis.scriptLoad(this.reqless.text())).isEqualTo(this.reqless.sha1());
		assertThat(this.redis.scriptLoad(this.qless.text())).isEqualTo(this.qless.sha1());
		if (FCALL) {
			this.redis.functionLoad(QlessScripts.reqlessFunctionLibrary().text(), true);
			this.redis.functionLoad(QlessScripts.qlessFunctionLibrary().text(), true);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			connection.close();
			this.client.shutdown();
		}));
	}

	/** One connection per JVM and Redis, both scripts loaded on it. */
	static ReqlessScript connect(TestRedis testRedis) {
		synchronized (lock) {
			if (shared == null || !shared.url.equals(testRedis.url())) {
				shared = new ReqlessScript(testRedis.url());
			}
			return shared;
		}
	}

	RedisClient client() {
		return this.client;
	}

	RedisCommands<String, String> redis() {
		return this.redis;
	}

	/** A reqless command at time {@code now}. */
	@Nullable Object call(String command, Object now, Object... args) {
		return callArgv(argv(command, now, args));
	}

	/** A qless command at time {@code now}, on the same database. */
	@Nullable Object qless(String command, Object now, Object... args) {
		if (FCALL) {
			return fcall(QlessScripts.FUNCTION_NAME, argv(command, now, args));
		}
		return evalsha(this.qless, argv(command, now, args));
	}

	@Nullable Object callArgv(String... argv) {
		if (FCALL) {
			return fcall(QlessScripts.REQLESS_FUNCTION_NAME, argv);
		}
		return evalsha(this.reqless, argv);
	}

	private @Nullable Object fcall(String function, String... argv) {
		CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add(function).add(0);
		if (argv.length > 0) {
			args.addValues(argv);
		}
		return this.redis.dispatch(CommandType.FCALL, new RawOutput(), args);
	}

	@Nullable Object callWithKeys(String[] keys, String... argv) {
		CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add(this.reqless.sha1())
			.add(keys.length);
		if (keys.length > 0) {
			args.addKeys(keys);
		}
		args.addValues(argv);
		return this.redis.dispatch(CommandType.EVALSHA, new RawOutput(), args);
	}

	private @Nullable Object evalsha(LuaScript script, String... argv) {
		CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add(script.sha1()).add(0);
		if (argv.length > 0) {
			args.addValues(argv);
		}
		return this.redis.dispatch(CommandType.EVALSHA, new RawOutput(), args);
	}

	private static String[] argv(String command, Object now, Object... args) {
		List<String> argv = new ArrayList<>();
		argv.add(command);
		argv.add(String.valueOf(now));
		for (Object arg : args) {
			argv.add(String.valueOf(arg));
		}
		return argv.toArray(new String[0]);
	}

	/** A reqless command whose reply is JSON text. */
	JsonNode json(String command, Object now, Object... args) {
		return parseReply(call(command, now, args));
	}

	JsonNode qlessJson(String command, Object now, Object... args) {
		return parseReply(qless(command, now, args));
	}

	/** The error text of a reqless command that must fail. */
	String error(String command, Object now, Object... args) {
		try {
			call(command, now, args);
		}
		catch (RedisException ex) {
			assertThat(ex.getMessage()).isNotNull();
			return ex.getMessage();
		}
		throw new AssertionError("expected " + command + " to fail");
	}

	static JsonNode parseReply(@Nullable Object reply) {
		assertThat(reply).as("JSON reply").isInstanceOf(String.class);
		return parse((String) reply);
	}

	static JsonNode parse(String json) {
		return MAPPER.readTree(json);
	}

	// ---- shorthands ----

	/** {@code queue.put worker queue jid klass {} 0 [options]}. */
	@Nullable Object put(Object now, String queue, String jid, Object... options) {
		return putDelayed(now, queue, jid, 0, options);
	}

	@Nullable Object putDelayed(Object now, String queue, String jid, long delay, Object... options) {
		Object[] args = new Object[6 + options.length];
		args[0] = "worker";
		args[1] = queue;
		args[2] = jid;
		args[3] = "klass";
		args[4] = "{}";
		args[5] = delay;
		System.arraycopy(options, 0, args, 6, options.length);
		return call("queue.put", now, args);
	}

	JsonNode pop(Object now, String queue, String worker, int limit) {
		return json("queue.pop", now, queue, worker, limit);
	}

	/** The jids a pop hands out. */
	List<String> popJids(Object now, String queue, String worker, int limit) {
		return jids(pop(now, queue, worker, limit));
	}

	@Nullable Object complete(Object now, String jid, String worker, String queue) {
		return call("job.complete", now, jid, worker, queue, "{}");
	}

	@Nullable JsonNode job(String jid) {
		Object reply = call("job.get", 0, jid);
		return (reply != null) ? parseReply(reply) : null;
	}

	String state(String jid) {
		JsonNode job = job(jid);
		assertThat(job).as("job %s", jid).isNotNull();
		return job.get("state").asString();
	}

	/** A JSON array reply's strings ({@code []} is the empty list). */
	List<String> strings(String command, Object now, Object... args) {
		return strings(json(command, now, args));
	}

	static List<String> strings(JsonNode array) {
		assertThat(array.isArray()).as("JSON array: %s", array).isTrue();
		List<String> strings = new ArrayList<>();
		array.forEach((node) -> strings.add(node.asString()));
		return strings;
	}

	static List<String> jids(JsonNode jobs) {
		assertThat(jobs.isArray()).as("JSON array: %s", jobs).isTrue();
		List<String> jids = new ArrayList<>();
		jobs.forEach((job) -> jids.add(job.get("jid").asString()));
		return jids;
	}

}
