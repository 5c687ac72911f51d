package io.qless.dashboard.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the qless dashboard.
 */
@ConfigurationProperties("qless.dashboard")
public class QlessDashboardProperties {

	/**
	 * Whether to serve the dashboard. Needs a Spring MVC (servlet) web application.
	 */
	private boolean enabled;

	/**
	 * Path the dashboard is served at, below the servlet context path.
	 */
	private String path = "/qless";

	/**
	 * Whether to show the dashboard without any action: no buttons are rendered and every
	 * POST is refused with 403.
	 */
	private boolean readOnly;

	/**
	 * Authority a user needs to open the dashboard when Spring Security is on the class
	 * path.
	 */
	private String authority = "ROLE_QLESS_ADMIN";

	/**
	 * Whether to display job data (payloads) on job and recurring job pages.
	 */
	private boolean showData = true;

	/**
	 * Whether to serve the dashboard without Spring Security on a server that is not bound
	 * to a loopback address. Anyone who reaches the port can then change every job.
	 */
	private boolean allowUnauthenticated;

	/**
	 * Time between two refreshes a page asks for while no event arrives, and the first
	 * polling interval when the browser cannot keep the event stream open.
	 */
	private Duration refreshInterval = Duration.ofSeconds(30);

	/**
	 * Longest time a live event stream stays open before the browser reconnects.
	 */
	private Duration eventStreamTimeout = Duration.ofMinutes(30);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public boolean isReadOnly() {
		return this.readOnly;
	}

	public void setReadOnly(boolean readOnly) {
		this.readOnly = readOnly;
	}

	public String getAuthority() {
		return this.authority;
	}

	public void setAuthority(String authority) {
		this.authority = authority;
	}

	public boolean isShowData() {
		return this.showData;
	}

	public void setShowData(boolean showData) {
		this.showData = showData;
	}

	public boolean isAllowUnauthenticated() {
		return this.allowUnauthenticated;
	}

	public void setAllowUnauthenticated(boolean allowUnauthenticated) {
		this.allowUnauthenticated = allowUnauthenticated;
	}

	public Duration getRefreshInterval() {
		return this.refreshInterval;
	}

	public void setRefreshInterval(Duration refreshInterval) {
		this.refreshInterval = refreshInterval;
	}

	public Duration getEventStreamTimeout() {
		return this.eventStreamTimeout;
	}

	public void setEventStreamTimeout(Duration eventStreamTimeout) {
		this.eventStreamTimeout = eventStreamTimeout;
	}

}
