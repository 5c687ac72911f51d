package io.qless.test;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RedisAddressTests {

	@Test
	void hostPortAndDatabase() {
		RedisAddress address = RedisAddress.parse("redis://example.org:6390/15");
		assertThat(address).isEqualTo(new RedisAddress("example.org", 6390, 15, null, null));
		assertThat(address.url()).isEqualTo("redis://example.org:6390/15");
	}

	@Test
	void defaultsArePort6379AndDatabase0() {
		assertThat(RedisAddress.parse("redis://localhost")).isEqualTo(new RedisAddress("localhost", 6379, 0, null, null));
	}

	@Test
	void credentialsAreParsedAndRedacted() {
		RedisAddress address = RedisAddress.parse("redis://me:s%40cret@db:6379/2");
		assertThat(address.username()).isEqualTo("me");
		assertThat(address.password()).isEqualTo("s@cret");
		assertThat(address.redacted()).isEqualTo("redis://***@db:6379/2");
		assertThat(RedisAddress.parse("redis://:pw@db").password()).isEqualTo("pw");
	}

	@Test
	void databaseMustBeANumber() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisAddress.parse("redis://localhost/abc"))
			.withMessageContaining("not a number");
	}

}
