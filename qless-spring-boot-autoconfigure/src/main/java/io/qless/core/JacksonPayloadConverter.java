package io.qless.core;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * {@link QlessPayloadConverter} over a Jackson 3 {@link JsonMapper}.
 */
public class JacksonPayloadConverter implements QlessPayloadConverter {

	private final JsonMapper mapper;

	/**
	 * Create a converter.
	 * @param mapper the mapper, usually the application's
	 */
	public JacksonPayloadConverter(JsonMapper mapper) {
		Assert.notNull(mapper, "'mapper' must not be null");
		this.mapper = mapper;
	}

	@Override
	public String write(@Nullable Object payload) {
		if (payload instanceof RawJson raw) {
			return raw.json();
		}
		return this.mapper.writeValueAsString(payload);
	}

	@Override
	public @Nullable Object read(String data, Type type) {
		return this.mapper.readValue(data, this.mapper.getTypeFactory().constructType(type));
	}

}
