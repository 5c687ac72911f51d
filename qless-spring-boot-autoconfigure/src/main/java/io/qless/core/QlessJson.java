package io.qless.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * Writes arguments and reads replies of the script with the application's
 * {@link JsonMapper}. Replies are read as trees because the script encodes empty lists as
 * {@code {}} and absent strings as {@code false}.
 */
final class QlessJson {

	private final JsonMapper mapper;

	private volatile QlessPayloadConverter payloads;

	QlessJson(JsonMapper mapper) {
		Assert.notNull(mapper, "'mapper' must not be null");
		this.mapper = mapper;
		this.payloads = new JacksonPayloadConverter(mapper);
	}

	void setPayloadConverter(QlessPayloadConverter payloads) {
		Assert.notNull(payloads, "'payloads' must not be null");
		this.payloads = payloads;
	}

	QlessPayloadConverter payloads() {
		return this.payloads;
	}

	String writePayload(@Nullable Object payload) {
		return this.payloads.write(payload);
	}

	JsonMapper mapper() {
		return this.mapper;
	}

	String write(@Nullable Object value) {
		if (value instanceof RawJson raw) {
			return raw.json();
		}
		return this.mapper.writeValueAsString(value);
	}

	<T> @Nullable T read(String json, Class<T> type) {
		return this.mapper.readValue(json, type);
	}

	<T> @Nullable T read(String json, JavaType type) {
		return this.mapper.readValue(json, type);
	}

	JsonNode tree(@Nullable Object reply) {
		return this.mapper.readTree(Replies.string(reply));
	}

	List<Job> jobs(@Nullable Object reply) {
		JsonNode tree = tree(reply);
		List<Job> jobs = new ArrayList<>(tree.size());
		for (JsonNode node : tree.values()) {
			jobs.add(job(node));
		}
		return jobs;
	}

	@Nullable Job jobOrNull(@Nullable Object reply) {
		return (reply != null && !Boolean.FALSE.equals(reply)) ? job(tree(reply)) : null;
	}

	Job job(JsonNode node) {
		JsonNode failure = node.path("failure");
		JsonNode spawned = node.path("spawned_from_jid");
		return new Job(node.path("jid").asString(), node.path("klass").asString(),
				JobState.fromWireName(node.path("state").asString()), string(node, "queue"), string(node, "worker"),
				node.path("tracked").asBoolean(false), node.path("priority").asLong(0),
				node.path("expires").asDouble(0), node.path("retries").asLong(0), node.path("remaining").asLong(0),
				string(node, "data"), strings(node.path("tags")), history(node.path("history")),
				(failure.isObject() && failure.has("group")) ? failure(failure) : null,
				spawned.isString() ? spawned.asString() : null, strings(node.path("dependents")),
				strings(node.path("dependencies")), strings(node.path("throttles")));
	}

	private JobFailure failure(JsonNode node) {
		return new JobFailure(string(node, "group"), string(node, "message"), node.path("when").asDouble(0),
				string(node, "worker"));
	}

	private List<HistoryEntry> history(JsonNode node) {
		List<HistoryEntry> history = new ArrayList<>(node.size());
		for (JsonNode entry : node.values()) {
			Map<String, Object> details = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> property : entry.properties()) {
				if (!property.getKey().equals("when") && !property.getKey().equals("what")) {
					details.put(property.getKey(), plain(property.getValue()));
				}
			}
			history.add(new HistoryEntry(entry.path("when").asLong(0), string(entry, "what"),
					Collections.unmodifiableMap(details)));
		}
		return Collections.unmodifiableList(history);
	}

	private Object plain(JsonNode node) {
		if (node.isString()) {
			return node.asString();
		}
		Object value = this.mapper.treeToValue(node, Object.class);
		return (value != null) ? value : "";
	}

	RecurringJob recurring(JsonNode node) {
		return new RecurringJob(string(node, "jid"), string(node, "klass"),
				JobState.fromWireName(string(node, "state")), string(node, "queue"), node.path("priority").asLong(0),
				Duration.ofSeconds(node.path("interval").asLong(0)), node.path("retries").asLong(0),
				node.path("count").asLong(0), string(node, "data"), strings(node.path("tags")),
				node.path("backlog").asLong(0), strings(node.path("throttles")));
	}

	QueueCounts counts(JsonNode node) {
		return new QueueCounts(string(node, "name"), node.path("waiting").asLong(0), node.path("stalled").asLong(0),
				node.path("running").asLong(0), node.path("scheduled").asLong(0), node.path("depends").asLong(0),
				node.path("recurring").asLong(0), node.path("throttled").asLong(0), node.path("paused").asBoolean(false));
	}

	QueueStats stats(JsonNode node) {
		return new QueueStats(node.path("retries").asLong(0), node.path("failed").asLong(0),
				node.path("failures").asLong(0), timing(node.path("wait")), timing(node.path("run")));
	}

	private QueueStats.Timing timing(JsonNode node) {
		List<Long> histogram = new ArrayList<>(148);
		for (JsonNode bucket : node.path("histogram").values()) {
			histogram.add(bucket.asLong(0));
		}
		return new QueueStats.Timing(node.path("count").asLong(0), node.path("mean").asDouble(0),
				node.path("std").asDouble(0), List.copyOf(histogram));
	}

	JidPage page(JsonNode node, String listKey) {
		return new JidPage(node.path("total").asLong(0), strings(node.path(listKey)));
	}

	static String string(JsonNode node, String key) {
		JsonNode value = node.path(key);
		return (value.isString() || value.isNumber()) ? value.asString() : "";
	}

	static List<String> strings(JsonNode node) {
		if (!node.isArray()) {
			return List.of();
		}
		List<String> values = new ArrayList<>(node.size());
		for (JsonNode value : node.values()) {
			values.add(value.asString());
		}
		return List.copyOf(values);
	}

	/**
	 * Conversions of raw script replies.
	 */
	static final class Replies {

		private static final JsonMapper TEXT = JsonMapper.builder().build();

		private Replies() {
		}

		static String string(@Nullable Object reply) {
			if (reply instanceof byte[] bytes) {
				return new String(bytes, StandardCharsets.UTF_8);
			}
			if (reply == null) {
				throw new IllegalStateException("Unexpected nil reply from the qless script");
			}
			return reply.toString();
		}

		static @Nullable String stringOrNull(@Nullable Object reply) {
			return (reply == null || Boolean.FALSE.equals(reply)) ? null : string(reply);
		}

		static long number(@Nullable Object reply) {
			if (reply instanceof Number number) {
				return number.longValue();
			}
			if (reply instanceof Boolean bool) {
				return bool ? 1 : 0;
			}
			return (long) Double.parseDouble(string(reply));
		}

		static List<String> strings(@Nullable Object reply) {
			if (reply instanceof byte[] || reply instanceof String) {
				// the reqless dialect answers listings with JSON text ("[]" when empty)
				return QlessJson.strings(TEXT.readTree(string(reply)));
			}
			if (!(reply instanceof List<?> list)) {
				return List.of();
			}
			List<String> values = new ArrayList<>(list.size());
			for (Object item : list) {
				values.add(string(item));
			}
			return List.copyOf(values);
		}

	}

}
