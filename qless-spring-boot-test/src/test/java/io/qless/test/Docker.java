package io.qless.test;

/**
 * Whether a Docker engine answers, for {@code @EnabledIf("io.qless.test.Docker#available")}:
 * asks as the test Redis support does, within a hard time limit.
 */
public final class Docker {

	private Docker() {
	}

	public static boolean available() {
		return DockerProbe.dockerAvailable();
	}

}
