package io.qless.dashboard.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether the dashboard may run without Spring Security: only when the server
 * listens on a loopback address ({@code server.address}), or when
 * {@code qless.dashboard.allow-unauthenticated=true} says so. Either way it logs a warning,
 * since anyone who reaches the dashboard can change every job.
 */
final class DashboardExposureCheck {

	private static final Log logger = LogFactory.getLog(DashboardExposureCheck.class);

	private final @Nullable String serverAddress;

	private final boolean allowUnauthenticated;

	private final String path;

	DashboardExposureCheck(@Nullable String serverAddress, boolean allowUnauthenticated, String path) {
		this.serverAddress = serverAddress;
		this.allowUnauthenticated = allowUnauthenticated;
		this.path = path;
	}

	/**
	 * Throw if the dashboard would be open to the network, else warn.
	 */
	void verify() {
		if (this.allowUnauthenticated) {
			logger.warn("The qless dashboard at " + this.path + " is served WITHOUT authentication "
					+ "(qless.dashboard.allow-unauthenticated=true): anyone who reaches this server can cancel, "
					+ "retry and change jobs. Add Spring Security to require a user.");
			return;
		}
		if (isLoopback(this.serverAddress)) {
			logger.warn("The qless dashboard at " + this.path + " is served without authentication, to this machine "
					+ "only (server.address=" + this.serverAddress + "). Add Spring Security to require a user.");
			return;
		}
		throw new IllegalStateException("The qless dashboard (qless.dashboard.enabled=true) would be served without "
				+ "authentication on " + ((this.serverAddress != null) ? this.serverAddress : "every network interface")
				+ ". Add Spring Security (spring-boot-starter-security) to require a user with "
				+ "qless.dashboard.authority, bind the server to a loopback address (server.address=127.0.0.1), "
				+ "or set qless.dashboard.allow-unauthenticated=true if something else guards it.");
	}

	static boolean isLoopback(@Nullable String address) {
		if (address == null || address.isBlank()) {
			return false;
		}
		try {
			InetAddress[] resolved = InetAddress.getAllByName(address.trim());
			for (InetAddress candidate : resolved) {
				if (!candidate.isLoopbackAddress()) {
					return false;
				}
			}
			return resolved.length > 0;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
