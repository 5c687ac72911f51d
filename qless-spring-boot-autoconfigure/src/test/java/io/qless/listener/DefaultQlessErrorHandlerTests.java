package io.qless.listener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import io.qless.handler.PayloadConversionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DefaultQlessErrorHandler}.
 */
class DefaultQlessErrorHandlerTests {

	private final RetryBackOff backOff = new RetryBackOff(Duration.ofSeconds(2), 3.0, Duration.ofSeconds(30));

	private final DefaultQlessErrorHandler handler = new DefaultQlessErrorHandler(this.backOff, List.of());

	@Test
	void retryableExceptionIsRetriedWithTheBackOffOfThisAttempt() {
		ErrorDecision first = this.handler.handle(attempt(new IllegalStateException("boom"), 5, 5));
		ErrorDecision third = this.handler.handle(attempt(new IllegalStateException("boom"), 5, 3));
		assertThat(first).isInstanceOfSatisfying(ErrorDecision.Retry.class, (retry) -> {
			assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(2));
			assertThat(retry.group()).isEqualTo("java.lang.IllegalStateException");
			assertThat(retry.message()).startsWith("java.lang.IllegalStateException: boom\n\tat ");
		});
		assertThat(third).isInstanceOfSatisfying(ErrorDecision.Retry.class,
				(retry) -> assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(18)));
	}

	@Test
	void lastAttemptFailsWithTheGroup() {
		ErrorDecision last = this.handler.handle(attempt(new IllegalStateException("boom"), 5, 0));
		assertThat(last).isInstanceOfSatisfying(ErrorDecision.Fail.class,
				(fail) -> assertThat(fail.group()).isEqualTo("java.lang.IllegalStateException"));
	}

	@Test
	void nonRetryableTypesFailAtOnceIncludingSubclassesAndCauses() {
		DefaultQlessErrorHandler strict = new DefaultQlessErrorHandler(this.backOff, List.of(IOException.class));
		assertThat(strict.handle(attempt(new java.io.FileNotFoundException("x"), 5, 5)))
			.isInstanceOf(ErrorDecision.Fail.class);
		assertThat(strict.handle(attempt(new UncheckedIOException(new IOException("disk")), 5, 5)))
			.isInstanceOf(ErrorDecision.Fail.class);
		assertThat(strict.handle(attempt(new IllegalStateException("x"), 5, 5))).isInstanceOf(ErrorDecision.Retry.class);
	}

	@Test
	void handlerOptionsAddNonRetryableTypesAndReplaceBackOffSettings() {
		HandlerOptions options = new HandlerOptions(null,
				new RetryBackOff.Overrides(Duration.ofMillis(100), 1.0, null), List.of(IllegalStateException.class),
				"gnome-errors", null, null);
		ErrorDecision fail = this.handler.handle(
				new FailedAttempt(TestJobContext.withRetries(5, 5), new IllegalStateException("x"), options));
		assertThat(fail).isInstanceOfSatisfying(ErrorDecision.Fail.class,
				(decision) -> assertThat(decision.group()).isEqualTo("gnome-errors"));
		ErrorDecision retry = this.handler.handle(
				new FailedAttempt(TestJobContext.withRetries(5, 4), new IllegalArgumentException("y"), options));
		assertThat(retry).isInstanceOfSatisfying(ErrorDecision.Retry.class, (decision) -> {
			assertThat(decision.delay()).isEqualTo(Duration.ofMillis(100));
			assertThat(decision.group()).isEqualTo("gnome-errors");
		});
	}

	@Test
	void payloadConversionErrorsAlwaysFailAtOnce() {
		ErrorDecision decision = this.handler.handle(attempt(new PayloadConversionException("bad data", null), 5, 5));
		assertThat(decision).isInstanceOfSatisfying(ErrorDecision.Fail.class,
				(fail) -> assertThat(fail.group()).isEqualTo(PayloadConversionException.class.getName()));
	}

	@Test
	void recovererDecidesForJobsThatAreNotRetried() {
		DefaultQlessErrorHandler deadLetters = new DefaultQlessErrorHandler(this.backOff, List.of());
		deadLetters.setRecoverer(DefaultQlessErrorHandler.Recoverer.deadLetterQueue("dead"));
		assertThat(deadLetters.handle(attempt(new IllegalStateException("x"), 5, 0)))
			.isInstanceOfSatisfying(ErrorDecision.MoveTo.class,
					(move) -> assertThat(move.next().queue()).isEqualTo("dead"));
		deadLetters.setRecoverer(DefaultQlessErrorHandler.Recoverer.failWithGroup("poison"));
		assertThat(deadLetters.handle(attempt(new PayloadConversionException("bad", null), 5, 5)))
			.isInstanceOfSatisfying(ErrorDecision.Fail.class, (fail) -> assertThat(fail.group()).isEqualTo("poison"));
	}

	@Test
	void stackTraceIsTrimmed() {
		Exception deep = deep(50);
		String message = DefaultQlessErrorHandler.describe(deep);
		assertThat(message.lines().filter((line) -> line.startsWith("\tat ")).count()).isEqualTo(20);
		assertThat(message).contains("more");
	}

	private static FailedAttempt attempt(Throwable error, int retries, int retriesLeft) {
		return new FailedAttempt(TestJobContext.withRetries(retries, retriesLeft), error, HandlerOptions.DEFAULTS);
	}

	private static Exception deep(int depth) {
		if (depth == 0) {
			return new IllegalStateException("deep");
		}
		return deep(depth - 1);
	}

}
