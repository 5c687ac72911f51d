package io.qless.test;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * Host, port, database and credentials of a Redis, parsed from a {@code redis://} URL.
 */
record RedisAddress(String host, int port, int database, @Nullable String username, @Nullable String password) {

	static RedisAddress local(int port) {
		return new RedisAddress("127.0.0.1", port, 0, null, null);
	}

	static RedisAddress parse(String url) {
		URI uri;
		try {
			uri = URI.create(url.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(TestRedis.URL_VARIABLE + " is not a URL: " + url, ex);
		}
		if (!"redis".equals(uri.getScheme()) || uri.getHost() == null) {
			throw new IllegalArgumentException(
					TestRedis.URL_VARIABLE + " must look like redis://[user:password@]host[:port][/database], got "
							+ redact(url));
		}
		int port = (uri.getPort() != -1) ? uri.getPort() : 6379;
		int database = 0;
		String path = uri.getPath();
		if (path != null && path.length() > 1) {
			try {
				database = Integer.parseInt(path.substring(1));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(TestRedis.URL_VARIABLE + " has a database that is not a number: "
						+ redact(url), ex);
			}
		}
		String username = null;
		String password = null;
		String userInfo = uri.getRawUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			if (colon < 0) {
				password = decode(userInfo);
			}
			else {
				username = (colon > 0) ? decode(userInfo.substring(0, colon)) : null;
				password = decode(userInfo.substring(colon + 1));
			}
		}
		return new RedisAddress(uri.getHost(), port, database, username, password);
	}

	String url() {
		StringBuilder url = new StringBuilder("redis://");
		if (this.password != null) {
			if (this.username != null) {
				url.append(encode(this.username));
			}
			url.append(':').append(encode(this.password)).append('@');
		}
		return url.append(this.host).append(':').append(this.port).append('/').append(this.database).toString();
	}

	String redacted() {
		return redact(url());
	}

	private static String redact(String url) {
		return url.replaceAll("//[^@/]*@", "//***@");
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return redacted();
	}

}
