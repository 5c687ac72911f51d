package io.qless.core;

import org.springframework.util.Assert;

/**
 * A payload that already is JSON text and is sent as is, instead of being serialized by the
 * template's {@code JsonMapper}.
 *
 * @param json the JSON text
 */
public record RawJson(String json) {

	/**
	 * Create a new instance.
	 * @param json the JSON text
	 */
	public RawJson {
		Assert.notNull(json, "'json' must not be null");
	}

}
