package io.qless.test.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QlessTestClockTests {

	private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

	private final QlessTestClock clock = new QlessTestClock(START);

	@Test
	void standsStillUntilMoved() {
		assertThat(this.clock.instant()).isEqualTo(START);
		assertThat(this.clock.millis()).isEqualTo(START.toEpochMilli());
		assertThat(this.clock.advance(Duration.ofHours(1))).isEqualTo(START.plusSeconds(3600));
		assertThat(this.clock.instant()).isEqualTo(START.plusSeconds(3600));
	}

	@Test
	void advancesOnlyForward() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.clock.advance(Duration.ofSeconds(-1)));
		this.clock.advanceTo(START.plusSeconds(10));
		this.clock.advanceTo(START.plusSeconds(5));
		assertThat(this.clock.instant()).isEqualTo(START.plusSeconds(10));
	}

	@Test
	void setAndResetMoveItAnywhere() {
		this.clock.set(START.minusSeconds(60));
		assertThat(this.clock.instant()).isEqualTo(START.minusSeconds(60));
		this.clock.reset();
		assertThat(this.clock.instant()).isEqualTo(this.clock.start()).isEqualTo(START);
	}

	@Test
	void viewInAnotherZoneMovesWithIt() {
		java.time.Clock paris = this.clock.withZone(ZoneId.of("Europe/Paris"));
		this.clock.advance(Duration.ofMinutes(1));
		assertThat(paris.instant()).isEqualTo(START.plusSeconds(60));
		assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
	}

}
