package io.qless.listener;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryBackOffTests {

	@Test
	void exponentialDelayDoublesUpToTheCap() {
		RetryBackOff backOff = new RetryBackOff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(5));
		assertThat(backOff.delayFor(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(backOff.delayFor(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(backOff.delayFor(3)).isEqualTo(Duration.ofSeconds(4));
		assertThat(backOff.delayFor(4)).isEqualTo(Duration.ofSeconds(5));
		assertThat(backOff.delayFor(60)).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void fixedDelayNeverChanges() {
		RetryBackOff backOff = RetryBackOff.fixed(Duration.ofMillis(250));
		assertThat(backOff.delayFor(1)).isEqualTo(Duration.ofMillis(250));
		assertThat(backOff.delayFor(7)).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void invalidSettingsAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryBackOff(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(5)))
			.withMessageContaining("multiplier");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RetryBackOff(Duration.ofSeconds(10), 2, Duration.ofSeconds(5)))
			.withMessageContaining("max");
	}

}
