package io.qless.dashboard.data;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Indents the JSON text of job data for display; text that is not JSON is shown as it is.
 */
final class JsonText {

	private final JsonMapper mapper = JsonMapper.builder().build();

	String pretty(String json) {
		try {
			JsonNode tree = this.mapper.readTree(json);
			return this.mapper.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
		}
		catch (RuntimeException ex) {
			return json;
		}
	}

}
