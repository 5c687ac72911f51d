package io.qless.scripts;

/**
 * An assembled Lua script or function library, as found on the classpath.
 *
 * @param resource classpath location the text was read from
 * @param text the Lua source
 * @param sha1 lower-case hex SHA-1 of the source, the name Redis gives it in {@code EVALSHA}
 */
public record LuaScript(String resource, String text, String sha1) {

	@Override
	public String toString() {
		return this.resource + " (" + this.sha1 + ")";
	}

}
