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
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The dashboard's security chain: sign-in, the authority, CSRF, and the rest of the
 * application left to Boot's default chain.
 */
@SpringBootTest(classes = DashboardTestApplication.class,
		properties = { "qless.dashboard.enabled=true", "spring.security.user.name=admin",
				"spring.security.user.password=secret", "spring.security.user.roles=QLESS_ADMIN" })
@QlessRedisTest
@DirtiesContext
class DashboardAccessTests {

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
	void aBrowserWithoutLoginIsSentToTheLoginPage() throws Exception {
		this.mvc.perform(get("/qless/queue").param("name", "gnomes").accept(MediaType.TEXT_HTML))
			.andExpect(status().isFound())
			.andExpect(request().sessionAttribute("SPRING_SECURITY_SAVED_REQUEST", org.hamcrest.Matchers.notNullValue()))
			.andExpect(redirectedUrl("/qless/login"));
		this.mvc.perform(get("/qless/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("name=\"_csrf\"")));
	}

	@Test
	void backgroundRequestsWithoutLoginGet401() throws Exception {
		this.mvc.perform(get("/qless/").header("X-Qless-Live", "1"))
			.andExpect(status().isUnauthorized())
			.andExpect(request().sessionAttributeDoesNotExist("SPRING_SECURITY_SAVED_REQUEST"));
		this.mvc.perform(get("/qless/events").accept(MediaType.TEXT_EVENT_STREAM)).andExpect(status().isUnauthorized());
	}

	@Test
	void formLoginAndHttpBasicSignIn() throws Exception {
		this.mvc.perform(post("/qless/login").param("username", "admin").param("password", "secret").with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/qless/"));
		this.mvc.perform(post("/qless/login").param("username", "admin").param("password", "wrong").with(csrf()))
			.andExpect(redirectedUrl("/qless/login?error"));
		this.mvc.perform(get("/qless/").with(httpBasic("admin", "secret"))).andExpect(status().isOk());
	}

	@Test
	void aUserWithoutTheAuthorityGets403() throws Exception {
		this.mvc.perform(get("/qless/").with(user("viewer").roles("USER")))
			.andExpect(status().isForbidden())
			.andExpect(content().string(containsString("ROLE_QLESS_ADMIN")));
		this.mvc.perform(post("/qless/actions/queue/pause").param("name", "gnomes")
			.with(user("viewer").roles("USER"))
			.with(csrf())).andExpect(status().isForbidden());
		assertThat(this.qless.queue("gnomes").counts().paused()).isFalse();
	}

	@Test
	void anActionWithoutAValidCsrfTokenIsRefused() throws Exception {
		this.mvc.perform(post("/qless/actions/queue/pause").param("name", "gnomes")
			.with(user("admin").roles("QLESS_ADMIN"))).andExpect(status().isForbidden());
		this.mvc.perform(post("/qless/actions/queue/pause").param("name", "gnomes")
			.with(user("admin").roles("QLESS_ADMIN"))
			.with(csrf().useInvalidToken())).andExpect(status().isForbidden());
		assertThat(this.qless.queue("gnomes").counts().paused()).isFalse();
	}

	@Test
	void theRestOfTheApplicationKeepsBootsDefaultSecurity() throws Exception {
		this.mvc.perform(get("/anything-else")).andExpect(status().isUnauthorized());
	}

	@Test
	void assetsNeedNoLogin() throws Exception {
		this.mvc.perform(get("/qless/assets/dashboard.js"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("EventSource")));
		this.mvc.perform(get("/qless/assets/dashboard.css")).andExpect(status().isOk());
	}

	@Test
	void pagesCarrySecurityHeaders() throws Exception {
		this.mvc.perform(get("/qless/job").param("jid", this.seeds.evil).with(user("admin").roles("QLESS_ADMIN")))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
			.andExpect(content().string(containsString("&lt;script&gt;window.xss=1&lt;/script&gt;")))
			.andExpect(content().string(containsString("&quot;&gt;&lt;img src=x onerror=")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("<script>window"))))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("<img src=x"))));
	}

	@Test
	void theEventStreamOpensForASignedInUser() throws Exception {
		this.mvc.perform(get("/qless/events").accept(MediaType.TEXT_EVENT_STREAM)
			.with(user("admin").roles("QLESS_ADMIN"))).andExpect(request().asyncStarted());
	}

	@Test
	void unknownJobIs404() throws Exception {
		this.mvc.perform(get("/qless/job").param("jid", "nope").with(user("admin").roles("QLESS_ADMIN")))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/qless/job").param("jid", "gnome-census").with(user("admin").roles("QLESS_ADMIN")))
			.andExpect(redirectedUrl("/qless/recurring/job?jid=gnome-census"));
	}

}
