package io.qless.dashboard.web;

import io.qless.autoconfigure.QlessAutoConfiguration;
import io.qless.core.QlessOperations;
import io.qless.dashboard.autoconfigure.QlessDashboardAutoConfiguration;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The dashboard in an application without Spring Security, bound to loopback: no sign-in,
 * and actions need the dashboard's own CSRF token from the session.
 */
@QlessRedisTest
class DashboardWithoutSecurityTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withClassLoader(new FilteredClassLoader("org.springframework.security."))
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, JacksonAutoConfiguration.class,
				QlessAutoConfiguration.class, QlessDashboardAutoConfiguration.class, WebMvcAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class))
		.withPropertyValues("qless.dashboard.enabled=true", "server.address=127.0.0.1",
				"spring.data.redis.url=" + TestRedis.shared().url());

	@Test
	void pagesOpenAndActionsNeedTheSessionToken() {
		this.runner.run((context) -> {
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			QlessOperations qless = context.getBean(QlessOperations.class);
			qless.queue("gnomes").put("Gnomes::Order", null);
			MockHttpSession session = new MockHttpSession();
			MvcResult page = mvc.perform(get("/qless/queue").param("name", "gnomes").session(session))
				.andExpect(status().isOk())
				.andReturn();
			String html = page.getResponse().getContentAsString();
			String token = html.replaceFirst("(?s).*name=\"_csrf\" value=\"([0-9a-f]+)\".*", "$1");
			assertThat(token).hasSize(48);

			mvc.perform(post("/qless/actions/queue/pause").param("name", "gnomes").session(session))
				.andExpect(status().isForbidden());
			mvc.perform(post("/qless/actions/queue/pause").param("name", "gnomes").param("_csrf", "0".repeat(48))
				.session(session)).andExpect(status().isForbidden());
			mvc.perform(post("/qless/actions/queue/pause").param("name", "gnomes").param("_csrf", token)
				.session(new MockHttpSession())).andExpect(status().isForbidden());
			assertThat(qless.queue("gnomes").counts().paused()).isFalse();

			mvc.perform(post("/qless/actions/queue/pause").param("name", "gnomes").param("_csrf", token)
				.session(session)).andExpect(status().isFound());
			assertThat(qless.queue("gnomes").counts().paused()).isTrue();
		});
	}

}
