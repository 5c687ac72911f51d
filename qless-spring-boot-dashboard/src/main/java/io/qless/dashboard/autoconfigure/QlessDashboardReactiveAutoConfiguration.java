package io.qless.dashboard.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * that only says, once, that the qless dashboard is not served in a WebFlux application: it
 * needs Spring MVC.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnBooleanProperty("qless.dashboard.enabled")
public final class QlessDashboardReactiveAutoConfiguration {

	@Bean
	ReactiveNotice qlessDashboardReactiveNotice() {
		return new ReactiveNotice();
	}

	/**
	 * Logs the notice when created.
	 */
	static final class ReactiveNotice {

		private static final Log logger = LogFactory.getLog(QlessDashboardReactiveAutoConfiguration.class);

		ReactiveNotice() {
			logger.info("qless.dashboard.enabled=true is ignored: the qless dashboard needs Spring MVC (a servlet "
					+ "web application), and this is a WebFlux application");
		}

	}

}
