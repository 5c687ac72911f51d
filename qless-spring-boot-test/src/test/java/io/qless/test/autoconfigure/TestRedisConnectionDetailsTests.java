package io.qless.test.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestRedisConnectionDetailsTests {

	@Test
	void choosesTheTestRedisOnlyWhenFirstAsked() {
		new TestRedisConnectionDetails(() -> {
			throw new AssertionError("chosen too early");
		});
	}

	@Test
	void readsCredentialsFromTheUrl() {
		assertThat(TestRedisConnectionDetails.username("redis://127.0.0.1:6380/15")).isNull();
		assertThat(TestRedisConnectionDetails.password("redis://127.0.0.1:6380/15")).isNull();
		assertThat(TestRedisConnectionDetails.username("redis://:s%40cret@host:6380/1")).isNull();
		assertThat(TestRedisConnectionDetails.password("redis://:s%40cret@host:6380/1")).isEqualTo("s@cret");
		assertThat(TestRedisConnectionDetails.username("redis://app:pw@host:6380/1")).isEqualTo("app");
		assertThat(TestRedisConnectionDetails.password("redis://app:pw@host:6380/1")).isEqualTo("pw");
	}

}
