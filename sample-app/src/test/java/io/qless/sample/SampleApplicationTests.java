package io.qless.sample;

import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@QlessRedisTest
class SampleApplicationTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> TestRedis.shared().url());
	}

	@Autowired
	private StringRedisTemplate redisTemplate;

	@Test
	void contextTalksToTheTestRedis() {
		this.redisTemplate.opsForValue().set("sample:smoke", "ok");
		assertThat(this.redisTemplate.opsForValue().get("sample:smoke")).isEqualTo("ok");
	}

}
