package io.qless.autoconfigure;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;

/**
 * The application's {@link JsonMapper}, or a plain one when it has none (no
 * {@code spring-boot-jackson}), so that payloads stay plain JSON either way.
 */
final class QlessJsonMappers {

	private QlessJsonMappers() {
	}

	static JsonMapper resolve(ObjectProvider<JsonMapper> jsonMapper) {
		return jsonMapper.getIfUnique(() -> JsonMapper.builder().build());
	}

}
