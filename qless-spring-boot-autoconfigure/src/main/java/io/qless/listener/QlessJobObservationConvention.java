package io.qless.listener;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of a job run; implement it (or extend
 * {@link DefaultQlessJobObservationConvention}) to add or change key values.
 */
public interface QlessJobObservationConvention extends ObservationConvention<QlessJobObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof QlessJobObservationContext;
	}

}
