package io.qless.scripts;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a {@code settle} reply (the JSON text of the outcomes, then each popped job's lean
 * text and its data as stored) into one object, {@code {"outcomes":[...],"jobs":[...]}},
 * each job with its {@code data} put back, after checking that shape.
 */
public final class SettleReply {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private SettleReply() {
	}

	public static JsonNode read(@Nullable Object reply) {
		assertThat(reply).as("settle reply").isInstanceOf(List.class);
		List<?> parts = (List<?>) reply;
		assertThat(parts).as("outcomes, then a text and data per job").isNotEmpty().hasSize(parts.size() / 2 * 2 + 1);
		assertThat(parts).allSatisfy((part) -> assertThat(part).isInstanceOf(String.class));
		ObjectNode result = MAPPER.createObjectNode();
		result.set("outcomes", MAPPER.readTree((String) parts.get(0)));
		ArrayNode jobs = result.putArray("jobs");
		for (int i = 1; i < parts.size(); i += 2) {
			JsonNode job = MAPPER.readTree((String) parts.get(i));
			assertThat(job.isObject()).as("job text %s", job).isTrue();
			assertThat(job.has("data")).as("the data is handed back beside the text: %s", job).isFalse();
			((ObjectNode) job).put("data", (String) parts.get(i + 1));
			jobs.add(job);
		}
		return result;
	}

}
