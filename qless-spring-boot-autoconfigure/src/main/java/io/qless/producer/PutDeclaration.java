package io.qless.producer;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * What a handler declares for the jobs this application puts for its klass (and queue):
 * values that may hold {@code #{...}} expressions, evaluated for each put against a
 * {@link PutExpressionRoot}. Throttles and tags are added to the request's own; priority,
 * retries, delay and the unique key apply only where the request sets none (a delay of
 * zero counts as none).
 *
 * @param throttles throttle ids
 * @param tags tags
 * @param priority priority, a number
 * @param retries retries, a number
 * @param delay delay, a duration ({@code "5m"}, {@code "PT5M"}, {@code "300"} seconds)
 * @param unique unique key; a put whose key yields an empty text gets none
 * @param uniqueMode unique mode: {@code finish}, {@code start} or {@code debounce}
 * @param uniqueTtl how long the unique key lives at most, a duration
 */
public record PutDeclaration(List<String> throttles, List<String> tags, @Nullable String priority,
		@Nullable String retries, @Nullable String delay, @Nullable String unique, @Nullable String uniqueMode,
		@Nullable String uniqueTtl) {

	/** Nothing declared. */
	public static final PutDeclaration NONE = new PutDeclaration(List.of(), List.of(), null, null, null);

	public PutDeclaration {
		Assert.notNull(throttles, "'throttles' must not be null");
		Assert.notNull(tags, "'tags' must not be null");
		throttles = List.copyOf(throttles);
		tags = List.copyOf(tags);
	}

	/**
	 * Create a declaration without a unique key.
	 * @param throttles throttle ids
	 * @param tags tags
	 * @param priority priority
	 * @param retries retries
	 * @param delay delay
	 */
	public PutDeclaration(List<String> throttles, List<String> tags, @Nullable String priority,
			@Nullable String retries, @Nullable String delay) {
		this(throttles, tags, priority, retries, delay, null, null, null);
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
				&& this.delay == null && this.unique == null && this.uniqueMode == null && this.uniqueTtl == null;
	}

}
