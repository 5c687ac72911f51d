package io.qless.dashboard.data;

/**
 * Where the overview's throughput chart comes from. Replace the bean to feed it from
 * elsewhere (metrics, for example).
 */
@FunctionalInterface
public interface ThroughputSource {

	/**
	 * Return the current throughput figures.
	 * @return the figures, or {@link Throughput#unavailable(String)}
	 */
	Throughput throughput();

}
