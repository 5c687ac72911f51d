package io.qless.dashboard.autoconfigure;

import java.time.Clock;
import java.util.List;

import io.qless.autoconfigure.QlessAutoConfiguration;
import io.qless.core.QlessOperations;
import io.qless.core.event.QlessEventSubscriber;
import io.qless.dashboard.data.DashboardCommands;
import io.qless.dashboard.data.DashboardQueries;
import io.qless.dashboard.data.ScriptThroughputSource;
import io.qless.dashboard.data.ThroughputSource;
import io.qless.dashboard.web.DashboardActionsController;
import io.qless.dashboard.web.DashboardCsrf;
import io.qless.dashboard.web.DashboardEventStream;
import io.qless.dashboard.web.DashboardEventsController;
import io.qless.dashboard.web.DashboardPagesController;
import io.qless.dashboard.web.DashboardRenderer;
import io.qless.dashboard.web.DashboardSettings;
import io.qless.dashboard.web.ThrottleNames;
import io.qless.producer.PutDefaults;
import io.qless.schedule.ScheduleManager;
import org.thymeleaf.TemplateEngine;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration}
 * for the qless dashboard: pages, actions and a live event stream served by Spring MVC below
 * {@code qless.dashboard.path}. Only with {@code qless.dashboard.enabled=true}, in a servlet
 * web application, with a {@link QlessOperations} bean.
 * <p>
 * With Spring Security on the class path, {@link DashboardSecurityConfiguration} guards the
 * dashboard; without it, {@link DashboardOpenAccessConfiguration} refuses to start unless the
 * server is bound to a loopback address or unauthenticated access is allowed explicitly.
 */
@AutoConfiguration(after = QlessAutoConfiguration.class,
		afterName = { "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, TemplateEngine.class })
@ConditionalOnBooleanProperty("qless.dashboard.enabled")
@ConditionalOnSingleCandidate(QlessOperations.class)
@EnableConfigurationProperties(QlessDashboardProperties.class)
@Import({ DashboardSecurityConfiguration.class, DashboardOpenAccessConfiguration.class })
public final class QlessDashboardAutoConfiguration {

	@Bean
	DashboardSettings qlessDashboardSettings(QlessDashboardProperties properties) {
		return new DashboardSettings(properties.getPath(), properties.isReadOnly(), properties.isShowData(),
				properties.getRefreshInterval(), properties.getEventStreamTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	ThroughputSource qlessDashboardThroughputSource(QlessOperations qless) {
		return new ScriptThroughputSource(qless);
	}

	@Bean
	DashboardQueries qlessDashboardQueries(QlessOperations qless, ThroughputSource throughput,
			DashboardSettings settings) {
		return new DashboardQueries(qless, throughput, settings.showData(), Clock.systemUTC());
	}

	@Bean
	DashboardCommands qlessDashboardCommands(QlessOperations qless, ObjectProvider<ScheduleManager> schedules) {
		return new DashboardCommands(qless, schedules.getIfUnique(() -> new ScheduleManager(qless, Clock.systemUTC())));
	}

	@Bean
	DashboardRenderer qlessDashboardRenderer(DashboardSettings settings, DashboardCsrf csrf) {
		return new DashboardRenderer(settings, csrf);
	}

	@Bean
	ThrottleNames qlessDashboardThrottleNames(ObjectProvider<PutDefaults> registry) {
		return new ThrottleNames(() -> {
			PutDefaults throttles = registry.getIfUnique();
			return (throttles != null) ? throttles.knownThrottles() : List.of();
		});
	}

	@Bean
	DashboardPagesController qlessDashboardPagesController(DashboardQueries queries, DashboardRenderer renderer,
			DashboardSettings settings, ThrottleNames throttleNames) {
		return new DashboardPagesController(queries, renderer, settings, throttleNames);
	}

	@Bean
	DashboardActionsController qlessDashboardActionsController(DashboardCommands commands,
			DashboardRenderer renderer, DashboardSettings settings, DashboardCsrf csrf) {
		return new DashboardActionsController(commands, renderer, settings, csrf);
	}

	@Bean
	@ConditionalOnBean(QlessEventSubscriber.class)
	DashboardEventStream qlessDashboardEventStream(QlessEventSubscriber subscriber, DashboardSettings settings) {
		return new DashboardEventStream(subscriber, settings.eventStreamTimeout());
	}

	@Bean
	@ConditionalOnBean(DashboardEventStream.class)
	DashboardEventsController qlessDashboardEventsController(DashboardEventStream stream) {
		return new DashboardEventsController(stream);
	}

	@Bean
	WebMvcConfigurer qlessDashboardWebMvcConfigurer(DashboardSettings settings) {
		return new DashboardWebMvcConfigurer(settings.path());
	}

}
