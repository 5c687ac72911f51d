package io.qless.sample.gnomes;

import java.time.Duration;
import java.util.Map;

import io.qless.core.QlessOperations;
import io.qless.core.RecurRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Registers the recurring census at start-up. {@code recur} with a fixed jid replaces the
 * template, so restarts and several instances don't multiply it.
 */
@Component
class CensusSchedule implements ApplicationRunner {

	static final String JID = "gnomes-census";

	private final QlessOperations qless;

	private final Duration interval;

	CensusSchedule(QlessOperations qless, @Value("${sample.census.interval:60s}") Duration interval) {
		this.qless = qless;
		this.interval = interval;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.qless.queue(CensusJob.QUEUE)
			.recur(RecurRequest.of(CensusJob.KLASS, Map.of("by", "sample-app"), this.interval).jid(JID));
	}

}
