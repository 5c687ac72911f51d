package io.qless.listener;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observation a listener container makes of each job it runs, from the handler's
 * start to its return: one span per job when tracing is on, and, with a meter registry,
 * the timer {@code qless.job} tagged with the low cardinality keys. It is the one
 * measurement of handler time; the {@code qless.jobs} counter counts the outcomes qless
 * accepted.
 */
public enum QlessJobObservation implements ObservationDocumentation {

	/** A job run by a handler. */
	JOB {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultQlessJobObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}

	};

	/** Name of the observation, and of the timer it gives. */
	public static final String NAME = "qless.job";

	/**
	 * Low cardinality keys.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The queue the job was popped from. */
		QUEUE {
			@Override
			public String asString() {
				return "qless.queue";
			}
		},

		/** The job's klass. */
		KLASS {
			@Override
			public String asString() {
				return "qless.klass";
			}
		},

		/**
		 * What became of the job: {@code completed}, {@code advanced}, {@code retried},
		 * {@code failed}, {@code settled}, {@code lock_lost} or {@code timed_out}.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "qless.outcome";
			}
		}

	}

	/**
	 * High cardinality keys.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The job id. */
		JID {
			@Override
			public String asString() {
				return "qless.jid";
			}
		}

	}

}
