package io.qless.dashboard.web;

import io.qless.core.QlessOperations;
import io.qless.dashboard.app.DashboardTestApplication;
import io.qless.dashboard.app.Seeds;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest(classes = DashboardTestApplication.class, properties = "qless.dashboard.enabled=true")
@QlessRedisTest
@DirtiesContext
class DashboardPagesTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> TestRedis.shared().url());
	}

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private QlessOperations qless;

	@Autowired
	private RedisConnectionFactory connectionFactory;

	private MockMvc mvc;

	private Seeds seeds;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
		this.seeds = Seeds.plant(this.qless, this.connectionFactory);
	}

	@Test
	void everyPageAnswers() throws Exception {
		for (String url : new String[] { "/qless", "/qless/queue?name=gnomes", "/qless/job?jid=" + this.seeds.failed,
				"/qless/failures", "/qless/workers", "/qless/throttles", "/qless/recurring",
				"/qless/recurring/job?jid=gnome-census", "/qless/tag?tag=north", "/qless/worker?name=worker-1" }) {
			this.mvc.perform(get(url).with(user("admin").roles("QLESS_ADMIN"))).andExpect(status().isOk());
		}
	}

}
