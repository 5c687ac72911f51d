package io.qless.test.autoconfigure;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import io.qless.test.TestRedis;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.util.function.SingletonSupplier;

/**
 * Points Spring Data Redis at the test Redis, chosen (and started, if need be) the first
 * time the connection factory asks.
 */
final class TestRedisConnectionDetails implements DataRedisConnectionDetails {

	private final Supplier<TestRedis> redis;

	TestRedisConnectionDetails(Supplier<TestRedis> redis) {
		this.redis = SingletonSupplier.of(redis);
	}

	TestRedis redis() {
		return this.redis.get();
	}

	@Override
	public @Nullable String getUsername() {
		return username(redis().url());
	}

	@Override
	public @Nullable String getPassword() {
		return password(redis().url());
	}

	@Override
	public Standalone getStandalone() {
		TestRedis redis = redis();
		return Standalone.of(redis.host(), redis.port(), redis.database());
	}

	static @Nullable String username(String url) {
		String userInfo = URI.create(url).getRawUserInfo();
		int colon = (userInfo != null) ? userInfo.indexOf(':') : -1;
		return (colon > 0) ? decode(userInfo.substring(0, colon)) : null;
	}

	static @Nullable String password(String url) {
		String userInfo = URI.create(url).getRawUserInfo();
		if (userInfo == null) {
			return null;
		}
		int colon = userInfo.indexOf(':');
		return decode((colon >= 0) ? userInfo.substring(colon + 1) : userInfo);
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "test " + redis();
	}

}
