package io.qless.autoconfigure;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.qless.annotation.QlessJob;
import io.qless.annotation.QueueHandler;
import io.qless.core.JobState;
import io.qless.core.QlessDialect;
import io.qless.core.QlessOperations;
import io.qless.endpoint.QlessEndpoint;
import io.qless.scripts.QlessScripts;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same zero-code application with {@code qless.dialect=reqless}: a job put the way a
 * reqless client puts it ({@code queue.put} on the reqless script) is run by the handler and
 * completed through the reqless commands; the endpoint shows the queue patterns.
 */
@SpringBootTest(properties = { "qless.worker-name=reqless-app-test", "qless.dialect=reqless",
		"management.endpoints.web.exposure.include=qless" })
@QlessRedisTest
@DirtiesContext
class ReqlessApplicationTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> TestRedis.shared().url());
	}

	@Autowired
	private QlessOperations qless;

	@Autowired
	private Greeter greeter;

	@Autowired
	private QlessEndpoint endpoint;

	@Autowired
	private StringRedisTemplate redis;

	@Test
	void runsJobsPutByAReqlessClient() throws InterruptedException {
		assertThat(this.qless.dialect()).isEqualTo(QlessDialect.REQLESS);
		DefaultRedisScript<String> reqless = new DefaultRedisScript<>(QlessScripts.reqless().text(), String.class);
		String now = Double.toString(System.currentTimeMillis() / 1000.0);
		String jid = this.redis.execute(reqless, List.of(), "queue.put", now, "py-worker", "greetings", "py-jid",
				"app.Greeter", "{\"name\": \"Grace\"}", "0", "priority", "0", "tags", "[]", "retries", "5", "depends",
				"[]", "throttles", "[]");
		assertThat(jid).isEqualTo("py-jid");
		assertThat(this.greeter.greeted.poll(10, TimeUnit.SECONDS)).isEqualTo("Grace");
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.qless.jobs().get(jid).state() != JobState.COMPLETE && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(this.qless.jobs().get(jid).state()).isEqualTo(JobState.COMPLETE);
		assertThat(this.qless.jobs().get(jid).throttles()).containsExactly("ql:q:greetings");
		assertThat(this.endpoint.overview().queuePatterns()).isNotNull();
		assertThat(this.endpoint.overview().queuePatterns().identifiers()).containsKey("default");
	}

	record Greeting(String name) {
	}

	@QlessJob("app.Greeter")
	static class Greeter {

		final BlockingQueue<String> greeted = new LinkedBlockingQueue<>();

		@QueueHandler("greetings")
		void greet(Greeting greeting) {
			this.greeted.add(greeting.name());
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

	}

}
