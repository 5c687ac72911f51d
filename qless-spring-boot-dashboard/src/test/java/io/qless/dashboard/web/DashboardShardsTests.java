package io.qless.dashboard.web;

import io.qless.core.QlessArgumentException;
import io.qless.core.QlessOperations;
import io.qless.dashboard.app.DashboardTestApplication;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The overview's queue list has a shard column when queues are spread over shards. Skipped
 * while the script does not take its key prefix from {@code KEYS[1]}.
 */
@SpringBootTest(classes = DashboardTestApplication.class,
		properties = { "qless.dashboard.enabled=true", "qless.shards.orders.queues=orders-*" })
@QlessRedisTest
@DirtiesContext
class DashboardShardsTests {

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> TestRedis.shared().url());
	}

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private QlessOperations qless;

	private MockMvc mvc;

	@BeforeEach
	void setUp() {
		try {
			this.qless.queue("orders-eu").length();
		}
		catch (QlessArgumentException ex) {
			assumeTrue(false, "the script does not take its key prefix from KEYS[1] yet");
		}
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
	}

	@Test
	void theQueueListShowsEachQueuesShard() throws Exception {
		this.qless.queue("orders-eu").put("Order", null);
		this.qless.queue("mail").put("Mail", null);
		String html = this.mvc.perform(get("/qless").with(user("admin").roles("QLESS_ADMIN")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(html).contains("<th>shard</th>")
			.contains("<td class=\"shard\">orders</td>")
			.contains("<td class=\"shard\">default</td>");
		String queue = this.mvc.perform(get("/qless/queue?name=orders-eu").with(user("admin").roles("QLESS_ADMIN")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(queue).contains("orders-eu");
	}

}
