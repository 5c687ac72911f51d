package io.qless.listener;

import io.micrometer.common.KeyValues;

/**
 * The default {@link QlessJobObservationConvention}: named {@code qless.job}, with the low
 * cardinality keys {@code qless.queue}, {@code qless.klass} and {@code qless.outcome}, and
 * the high cardinality key {@code qless.jid}.
 */
public class DefaultQlessJobObservationConvention implements QlessJobObservationConvention {

	/** The shared instance. */
	public static final DefaultQlessJobObservationConvention INSTANCE = new DefaultQlessJobObservationConvention();

	@Override
	public String getName() {
		return QlessJobObservation.NAME;
	}

	@Override
	public String getContextualName(QlessJobObservationContext context) {
		return context.getQueue() + " " + context.getKlass();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(QlessJobObservationContext context) {
		String outcome = context.getOutcome();
		return KeyValues.of(QlessJobObservation.LowCardinalityKeyNames.QUEUE.withValue(context.getQueue()),
				QlessJobObservation.LowCardinalityKeyNames.KLASS.withValue(context.getKlass()),
				QlessJobObservation.LowCardinalityKeyNames.OUTCOME.withValue((outcome != null) ? outcome : "none"));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(QlessJobObservationContext context) {
		return KeyValues.of(QlessJobObservation.HighCardinalityKeyNames.JID.withValue(context.getJid()));
	}

}
