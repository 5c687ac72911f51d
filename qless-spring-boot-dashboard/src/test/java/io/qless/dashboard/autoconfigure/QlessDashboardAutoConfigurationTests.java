package io.qless.dashboard.autoconfigure;

import io.qless.core.QlessOperations;
import io.qless.core.QlessTemplate;
import io.qless.dashboard.data.Throughput;
import io.qless.dashboard.data.ThroughputSource;
import io.qless.dashboard.web.DashboardActionsController;
import io.qless.dashboard.web.DashboardCsrf;
import io.qless.dashboard.web.DashboardPagesController;
import io.qless.dashboard.web.DashboardSettings;
import io.qless.dashboard.web.SessionCsrf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the dashboard is served and how it is guarded.
 */
@ExtendWith(OutputCaptureExtension.class)
class QlessDashboardAutoConfigurationTests {

	private static final FilteredClassLoader WITHOUT_SECURITY = new FilteredClassLoader(
			"org.springframework.security.");

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QlessDashboardAutoConfiguration.class,
				QlessDashboardReactiveAutoConfiguration.class, WebMvcAutoConfiguration.class,
				DispatcherServletAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class))
		.withBean(QlessOperations.class, QlessDashboardAutoConfigurationTests::template);

	private static QlessOperations template() {
		return new QlessTemplate(new LettuceConnectionFactory(), JsonMapper.builder().build());
	}

	@Test
	void offByDefault() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(DashboardPagesController.class)
			.doesNotHaveBean(DashboardSecurityConfiguration.FILTER_CHAIN_BEAN_NAME));
	}

	@Test
	void servedWhenEnabledWithItsOwnSecurityChain() {
		this.runner.withPropertyValues("qless.dashboard.enabled=true").run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(DashboardPagesController.class)
				.hasSingleBean(DashboardActionsController.class)
				.hasBean(DashboardSecurityConfiguration.FILTER_CHAIN_BEAN_NAME)
				.doesNotHaveBean(DashboardExposureCheck.class);
			assertThat(context.getBean(DashboardCsrf.class)).isNotInstanceOf(SessionCsrf.class);
			// Boot's default chain for the rest of the application is still there
			assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSize(2);
			assertThat(context.getBean(DashboardSettings.class).path()).isEqualTo("/qless");
			// the dashboard's Thymeleaf engine is its own, not a bean the application's set-up could see
			assertThat(context).doesNotHaveBean(org.thymeleaf.ITemplateEngine.class);
		});
	}

	@Test
	void pathIsNormalized() {
		this.runner.withPropertyValues("qless.dashboard.enabled=true", "qless.dashboard.path=admin/jobs/")
			.run((context) -> assertThat(context.getBean(DashboardSettings.class).path()).isEqualTo("/admin/jobs"));
	}

	@Test
	void securityChainBacksOffForABeanOfTheSameName() {
		this.runner.withPropertyValues("qless.dashboard.enabled=true")
			.withUserConfiguration(OwnChain.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(DashboardSecurityConfiguration.FILTER_CHAIN_BEAN_NAME)
				.isSameAs(context.getBean(OwnChain.class).chain));
	}

	@Test
	void throughputSourceBacksOff() {
		ThroughputSource own = () -> Throughput.unavailable("mine");
		this.runner.withPropertyValues("qless.dashboard.enabled=true")
			.withBean(ThroughputSource.class, () -> own)
			.run((context) -> assertThat(context.getBean(ThroughputSource.class)).isSameAs(own));
	}

	@Test
	void notServedWithoutAQlessClient() {
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(QlessDashboardAutoConfiguration.class))
			.withPropertyValues("qless.dashboard.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(DashboardPagesController.class));
	}

	@Test
	void notServedOutsideAWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(QlessDashboardAutoConfiguration.class,
					QlessDashboardReactiveAutoConfiguration.class))
			.withBean(QlessOperations.class, QlessDashboardAutoConfigurationTests::template)
			.withPropertyValues("qless.dashboard.enabled=true")
			.run((context) -> assertThat(context).doesNotHaveBean(DashboardPagesController.class));
	}

	@Test
	void notServedOnWebFluxWhichSaysSoOnce(CapturedOutput output) {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(QlessDashboardAutoConfiguration.class,
					QlessDashboardReactiveAutoConfiguration.class))
			.withBean(QlessOperations.class, QlessDashboardAutoConfigurationTests::template)
			.withPropertyValues("qless.dashboard.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(DashboardPagesController.class);
				assertThat(output).containsOnlyOnce("the qless dashboard needs Spring MVC");
			});
	}

	@Test
	void webFluxSaysNothingWhenTheDashboardIsOff(CapturedOutput output) {
		new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(QlessDashboardReactiveAutoConfiguration.class))
			.run((context) -> assertThat(output).doesNotContain("qless dashboard"));
	}

	@Test
	void withoutSpringSecurityItRefusesToStartOnEveryInterface() {
		this.runner.withClassLoader(WITHOUT_SECURITY)
			.withPropertyValues("qless.dashboard.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("would be served without authentication on every network interface")
				.hasMessageContaining("server.address=127.0.0.1")
				.hasMessageContaining("qless.dashboard.allow-unauthenticated=true"));
	}

	@Test
	void withoutSpringSecurityItRefusesANonLoopbackAddress() {
		this.runner.withClassLoader(WITHOUT_SECURITY)
			.withPropertyValues("qless.dashboard.enabled=true", "server.address=0.0.0.0")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void withoutSpringSecurityItStartsOnLoopbackAndWarns(CapturedOutput output) {
		this.runner.withClassLoader(WITHOUT_SECURITY)
			.withPropertyValues("qless.dashboard.enabled=true", "server.address=127.0.0.1")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(DashboardPagesController.class);
				assertThat(context.getBean(DashboardCsrf.class)).isInstanceOf(SessionCsrf.class);
				assertThat(output).contains("WARN").contains("served without authentication, to this machine only");
			});
	}

	@Test
	void withoutSpringSecurityItStartsWhenAllowedAndWarns(CapturedOutput output) {
		this.runner.withClassLoader(WITHOUT_SECURITY)
			.withPropertyValues("qless.dashboard.enabled=true", "qless.dashboard.allow-unauthenticated=true")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(DashboardPagesController.class);
				assertThat(output).contains("WARN").contains("WITHOUT authentication");
			});
	}

	@Test
	void loopbackAddresses() {
		assertThat(DashboardExposureCheck.isLoopback("127.0.0.1")).isTrue();
		assertThat(DashboardExposureCheck.isLoopback("::1")).isTrue();
		assertThat(DashboardExposureCheck.isLoopback("localhost")).isTrue();
		assertThat(DashboardExposureCheck.isLoopback("0.0.0.0")).isFalse();
		assertThat(DashboardExposureCheck.isLoopback(null)).isFalse();
		assertThat(DashboardExposureCheck.isLoopback("no-such-host.invalid")).isFalse();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnChain {

		SecurityFilterChain chain;

		@Bean(DashboardSecurityConfiguration.FILTER_CHAIN_BEAN_NAME)
		SecurityFilterChain qlessDashboardSecurityFilterChain(HttpSecurity http) throws Exception {
			this.chain = http.securityMatcher("/qless/**").build();
			return this.chain;
		}

	}

}
