package io.qless.dashboard.autoconfigure;

import io.qless.dashboard.web.DashboardCsrf;
import io.qless.dashboard.web.SessionCsrf;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The dashboard without Spring Security: nobody signs in, so it starts only where that is
 * safe or explicitly allowed ({@link DashboardExposureCheck}), and forms carry a CSRF token
 * of the dashboard's own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingClass(DashboardSecurityConfiguration.HTTP_SECURITY)
class DashboardOpenAccessConfiguration {

	@Bean
	DashboardExposureCheck qlessDashboardExposureCheck(Environment environment,
			QlessDashboardProperties properties) {
		DashboardExposureCheck check = new DashboardExposureCheck(environment.getProperty("server.address"),
				properties.isAllowUnauthenticated(), properties.getPath());
		check.verify();
		return check;
	}

	@Bean
	DashboardCsrf qlessDashboardCsrf() {
		return new SessionCsrf();
	}

}
