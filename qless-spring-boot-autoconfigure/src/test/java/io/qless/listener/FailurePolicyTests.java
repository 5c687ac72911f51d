package io.qless.listener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import io.qless.handler.PayloadConversionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailurePolicyTests {

	private final RetryBackOff backOff = new RetryBackOff(Duration.ofSeconds(2), 3.0, Duration.ofSeconds(30));

	@Test
	void retryableExceptionIsRetriedWithTheBackOffOfThisAttempt() {
		FailurePolicy policy = new FailurePolicy(this.backOff, List.of(), null);
		FailurePolicy.Decision first = policy.decide(new IllegalStateException("boom"), 5, 5);
		FailurePolicy.Decision third = policy.decide(new IllegalStateException("boom"), 5, 3);
		assertThat(first.retry()).isTrue();
		assertThat(first.delay()).isEqualTo(Duration.ofSeconds(2));
		assertThat(third.delay()).isEqualTo(Duration.ofSeconds(18));
		assertThat(first.group()).isEqualTo("java.lang.IllegalStateException");
		assertThat(first.message()).startsWith("java.lang.IllegalStateException: boom\n\tat ");
	}

	@Test
	void nonRetryableTypesFailAtOnceIncludingSubclassesAndCauses() {
		FailurePolicy policy = new FailurePolicy(this.backOff, List.of(IOException.class), null);
		assertThat(policy.decide(new java.io.FileNotFoundException("x"), 5, 5).retry()).isFalse();
		assertThat(policy.decide(new UncheckedIOException(new IOException("disk")), 5, 5).retry()).isFalse();
		assertThat(policy.decide(new IllegalStateException("x"), 5, 5).retry()).isTrue();
	}

	@Test
	void payloadConversionErrorsAlwaysFailAtOnce() {
		FailurePolicy policy = new FailurePolicy(this.backOff, List.of(), null);
		FailurePolicy.Decision decision = policy.decide(new PayloadConversionException("bad data", null), 5, 5);
		assertThat(decision.retry()).isFalse();
		assertThat(decision.group()).isEqualTo(PayloadConversionException.class.getName());
	}

	@Test
	void customGroupIsUsed() {
		FailurePolicy policy = new FailurePolicy(this.backOff, List.of(), "gnome-errors");
		assertThat(policy.decide(new IllegalStateException("x"), 5, 5).group()).isEqualTo("gnome-errors");
	}

	@Test
	void stackTraceIsTrimmed() {
		Exception deep = deep(50);
		String message = FailurePolicy.describe(deep);
		assertThat(message.lines().filter((line) -> line.startsWith("\tat ")).count()).isEqualTo(20);
		assertThat(message).contains("more");
	}

	private static Exception deep(int depth) {
		if (depth == 0) {
			return new IllegalStateException("deep");
		}
		return deep(depth - 1);
	}

}
