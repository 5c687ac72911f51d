package io.qless.core;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/**
 * Worker names in the form other qless clients use: {@code hostname-pid}, plus a short id
 * so that two clients in one process never share a name by accident.
 */
public final class WorkerNames {

	private WorkerNames() {
	}

	/**
	 * Return a new name {@code hostname-pid-<8 hex digits>}.
	 * @return the worker name
	 */
	public static String generate() {
		return hostname() + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static String hostname() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			String fromEnvironment = System.getenv("HOSTNAME");
			return (fromEnvironment != null) ? fromEnvironment : "localhost";
		}
	}

}
