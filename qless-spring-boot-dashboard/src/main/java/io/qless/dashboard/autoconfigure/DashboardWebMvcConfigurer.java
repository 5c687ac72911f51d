package io.qless.dashboard.autoconfigure;

import java.time.Duration;

import io.qless.dashboard.web.DashboardActionsController;
import io.qless.dashboard.web.DashboardEventsController;
import io.qless.dashboard.web.DashboardPagesController;

import org.springframework.http.CacheControl;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the dashboard's controllers below the dashboard path and serves its CSS and
 * JavaScript from the jar.
 */
class DashboardWebMvcConfigurer implements WebMvcConfigurer {

	private final String path;

	DashboardWebMvcConfigurer(String path) {
		this.path = path;
	}

	@Override
	public void configurePathMatch(PathMatchConfigurer configurer) {
		configurer.addPathPrefix(this.path, HandlerTypePredicate.forAssignableType(DashboardPagesController.class,
				DashboardActionsController.class, DashboardEventsController.class));
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler(this.path + "/assets/**")
			.addResourceLocations("classpath:/io/qless/dashboard/assets/")
			.setCacheControl(CacheControl.maxAge(Duration.ofHours(1)));
	}

}
