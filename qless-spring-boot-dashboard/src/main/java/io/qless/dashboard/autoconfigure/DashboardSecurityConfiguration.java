package io.qless.dashboard.autoconfigure;

import java.util.Map;

import io.qless.dashboard.web.DashboardCsrf;
import io.qless.dashboard.web.DashboardRenderer;
import io.qless.dashboard.web.DashboardSettings;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;

/**
 * The dashboard with Spring Security: a {@link SecurityFilterChain} of its own for the
 * dashboard path only, ordered before the application's default chain, that requires
 * {@code qless.dashboard.authority}, signs users in with a form (at
 * {@code <path>/login}) or HTTP Basic, and checks a CSRF token on every POST. The
 * application's own chains are left alone. Define a bean named
 * {@value #FILTER_CHAIN_BEAN_NAME} to replace this chain.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = { DashboardSecurityConfiguration.HTTP_SECURITY,
		"org.springframework.security.web.SecurityFilterChain" })
class DashboardSecurityConfiguration {

	static final String HTTP_SECURITY = "org.springframework.security.config.annotation.web.builders.HttpSecurity";

	/** Name of the dashboard's filter chain bean. */
	static final String FILTER_CHAIN_BEAN_NAME = "qlessDashboardSecurityFilterChain";

	/**
	 * Order of the dashboard's chain: before Boot's default chain and before chains without
	 * an order, after chains the application orders explicitly.
	 */
	static final int ORDER = org.springframework.core.Ordered.LOWEST_PRECEDENCE - 15;

	@Bean(FILTER_CHAIN_BEAN_NAME)
	@ConditionalOnMissingBean(name = FILTER_CHAIN_BEAN_NAME)
	@Order(ORDER)
	SecurityFilterChain qlessDashboardSecurityFilterChain(HttpSecurity http, DashboardSettings settings,
			QlessDashboardProperties properties, DashboardRenderer renderer) throws Exception {
		String path = settings.path();
		String login = path + "/login";
		LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint(login);
		AuthenticationEntryPoint entryPoint = (request, response, ex) -> {
			if (isBackground(request)) {
				response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
			}
			else {
				loginPage.commence(request, response, ex);
			}
		};
		// a refresh of a page left open after the session ended must not start a session of its
		// own (saving itself for after the login): it would replace the cookie of a login under way
		HttpSessionRequestCache requestCache = new HttpSessionRequestCache();
		requestCache.setRequestMatcher((request) -> !isBackground(request));
		http.securityMatcher(path + "/**")
			.requestCache((cache) -> cache.requestCache(requestCache))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(login, path + "/assets/**")
				.permitAll()
				.anyRequest()
				.hasAuthority(properties.getAuthority()))
			.formLogin((form) -> form.loginPage(login).defaultSuccessUrl(path + "/").permitAll())
			.httpBasic(Customizer.withDefaults())
			.logout((logout) -> logout.logoutUrl(path + "/logout").logoutSuccessUrl(login + "?logout"))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler((request, response, ex) -> {
					if (isBackground(request)) {
						response.sendError(HttpServletResponse.SC_FORBIDDEN);
						return;
					}
					renderer.render(HttpServletResponse.SC_FORBIDDEN, "refused", "", "Refused",
							Map.of("reason", "You are signed in, but the dashboard needs the authority "
									+ properties.getAuthority() + ", or the form had no valid CSRF token."),
							request, response);
				}))
			.csrf(Customizer.withDefaults());
		return http.build();
	}

	@Bean
	DashboardCsrf qlessDashboardCsrf() {
		return new SpringSecurityCsrf();
	}

	private static boolean isBackground(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return request.getHeader("X-Qless-Live") != null || (accept != null && accept.contains("text/event-stream"));
	}

	/**
	 * Hands out Spring Security's CSRF token; its filter checks it.
	 */
	static final class SpringSecurityCsrf implements DashboardCsrf {

		@Override
		public @Nullable Token token(HttpServletRequest request) {
			Object token = request.getAttribute(CsrfToken.class.getName());
			return (token instanceof CsrfToken csrf) ? new Token(csrf.getParameterName(), csrf.getToken()) : null;
		}

		@Override
		public boolean isValid(HttpServletRequest request) {
			return true;
		}

	}

}
