package io.qless.core;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/**
 * Turns job payloads into the JSON text qless stores as a job's {@code data}, and that text
 * back into the objects handlers take. Other qless clients (Ruby, Python) read and write
 * the same data, so a converter should produce plain JSON. The default is
 * {@link JacksonPayloadConverter} over the application's {@code JsonMapper}; define a bean
 * of this type to replace it.
 */
public interface QlessPayloadConverter {

	/**
	 * Write a payload as JSON text; a {@link RawJson} is written as it is.
	 * @param payload the payload, possibly {@code null}
	 * @return the JSON text
	 */
	String write(@Nullable Object payload);

	/**
	 * Read JSON text as {@code type}.
	 * @param data the job's data
	 * @param type the wanted type, possibly generic
	 * @return the value, {@code null} for JSON {@code null}
	 * @throws IllegalArgumentException (or another runtime exception) if the data does not
	 * fit the type
	 */
	@Nullable Object read(String data, Type type);

}
