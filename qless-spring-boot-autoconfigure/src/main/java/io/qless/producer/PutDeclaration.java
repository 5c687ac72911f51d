package io.qless.producer;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a handler declares for the jobs this application puts for its klass (and queue):
 * values that may hold {@code #{...}} expressions, evaluated for each put against a
 * {@link PutExpressionRoot}. Throttles and tags are added to the request's own; priority,
 * retries and delay apply only where the request sets none (a delay of zero counts as
 * none).
 *
 * @param throttles throttle ids
 * @param tags tags
 * @param priority priority, a number
 * @param retries retries, a number
 * @param delay delay, a duration ({@code "5m"}, {@code "PT5M"}, {@code "300"} seconds)
 */
public record PutDeclaration(List<String> throttles, List<String> tags, @Nullable String priority,
		@Nullable String retries, @Nullable String delay) {

	/** Nothing declared. */
	public static final PutDeclaration NONE = new PutDeclaration(List.of(), List.of(), null, null, null);

	public PutDeclaration {
		Assert.notNull(throttles, "'throttles' must not be null");
		Assert.notNull(tags, "'tags' must not be null");
		throttles = List.copyOf(throttles);
		tags = List.copyOf(tags);
	}

	/**
	 * Return a declaration of throttles only.
	 * @param throttles the throttle ids
	 * @return the declaration
	 */
	public static PutDeclaration throttles(List<String> throttles) {
		return new PutDeclaration(throttles, List.of(), null, null, null);
	}

	/**
	 * Return whether nothing is declared.
	 * @return whether the declaration is empty
	 */
	public boolean isEmpty() {
		return this.throttles.isEmpty() && this.tags.isEmpty() && this.priority == null && this.retries == null
				&& this.delay == null;
	}

}
