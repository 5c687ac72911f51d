package io.qless.scripts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Access to the assembled qless-core scripts.
 * <p>
 * {@link #qless()} is the script every qless client loads and calls as
 * {@code EVALSHA <sha> 0 <command> <now> <args...>}. {@link #qlessFunctionLibrary()} holds the
 * same code as a Redis 7 function library: {@code FUNCTION LOAD} it once, then call
 * {@code FCALL qless 0 <command> <now> <args...>}.
 */
public final class QlessScripts {

	/** Name of the function that {@link #qlessFunctionLibrary()} registers. */
	public static final String FUNCTION_NAME = "qless";

	/** Name of the function that {@link #reqlessFunctionLibrary()} registers. */
	public static final String REQLESS_FUNCTION_NAME = "reqless";

	private static final String BASE = "io/qless/scripts/";

	private QlessScripts() {
	}

	/**
	 * Return the qless script for {@code EVAL}/{@code EVALSHA}.
	 * @return the script
	 */
	public static LuaScript qless() {
		return Holder.QLESS;
	}

	/**
	 * Return the qless function library for {@code FUNCTION LOAD}/{@code FCALL}.
	 * @return the library
	 */
	public static LuaScript qlessFunctionLibrary() {
		return Holder.QLESS_FUNCTION;
	}

	/**
	 * Return the reqless dialect of the script for {@code EVAL}/{@code EVALSHA}: the reqless
	 * command names and replies ({@code queue.put}, {@code job.complete}, ...) over the same
	 * data model and the same Lua modules as {@link #qless()}, so reqless clients and qless
	 * clients can share one Redis database.
	 * @return the script
	 */
	public static LuaScript reqless() {
		return ReqlessHolder.REQLESS;
	}

	/**
	 * Return the reqless dialect as a Redis 7 function library: {@code FUNCTION LOAD} it once,
	 * then call {@code FCALL reqless 0 <command> <now> <args...>}.
	 * @return the library
	 */
	public static LuaScript reqlessFunctionLibrary() {
		return ReqlessHolder.REQLESS_FUNCTION;
	}

	/**
	 * Return the qless function library under a name that includes its version,
	 * {@code qless_<12 hex digits of its SHA-1>}, registering a function of the same name.
	 * Applications of different versions sharing one Redis each load and call their own
	 * library instead of replacing each other's.
	 * @return the versioned library
	 */
	public static FunctionLibrary versionedFunctionLibrary() {
		return Holder.QLESS_VERSIONED_FUNCTION;
	}

	/**
	 * Return the reqless function library under a name that includes its version,
	 * {@code reqless_<12 hex digits of its SHA-1>}, registering a function of the same name.
	 * @return the versioned library
	 */
	public static FunctionLibrary versionedReqlessFunctionLibrary() {
		return ReqlessHolder.REQLESS_VERSIONED_FUNCTION;
	}

	static FunctionLibrary versioned(LuaScript library) {
		return versioned(library, FUNCTION_NAME);
	}

	static FunctionLibrary versioned(LuaScript library, String function) {
		String name = function + "_" + library.sha1().substring(0, 12);
		String header = "#!lua name=" + function + "\n";
		String registration = "redis.register_function('" + function + "',";
		String text = library.text();
		if (!text.startsWith(header) || !text.contains(registration)) {
			throw new IllegalStateException(library.resource() + " does not start with '" + header.trim()
					+ "' or does not register function '" + function + "'");
		}
		text = "#!lua name=" + name + "\n" + text.substring(header.length())
			.replace(registration, "redis.register_function('" + name + "',");
		return new FunctionLibrary(name, name, text);
	}

	static LuaScript load(String resource) {
		ClassLoader loader = QlessScripts.class.getClassLoader();
		try (InputStream in = loader.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Script " + resource + " is not on the classpath");
			}
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return new LuaScript(resource, text, sha1(text));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + resource, ex);
		}
	}

	static String sha1(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-1");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
	}

	private static final class Holder {

		static final LuaScript QLESS = load(BASE + "qless.lua");

		static final LuaScript QLESS_FUNCTION = load(BASE + "qless-function.lua");

		static final FunctionLibrary QLESS_VERSIONED_FUNCTION = versioned(QLESS_FUNCTION);

	}

	private static final class ReqlessHolder {

		static final LuaScript REQLESS = load(BASE + "reqless.lua");

		static final LuaScript REQLESS_FUNCTION = load(BASE + "reqless-function.lua");

		static final FunctionLibrary REQLESS_VERSIONED_FUNCTION = versioned(REQLESS_FUNCTION, REQLESS_FUNCTION_NAME);

	}

}
