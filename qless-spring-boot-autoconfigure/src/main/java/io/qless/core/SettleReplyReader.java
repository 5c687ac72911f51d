package io.qless.core;

import java.util.ArrayList;
import java.util.List;

import io.qless.core.QlessJson.Replies;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code settle} reply in one pass over its bytes, without building a tree: the
 * containers' hottest reply, read on the driver's I/O thread. The reply is a list: the JSON
 * text of the outcomes (one per settlement), then for each popped job its lean JSON text
 * (without history, and without {@code data}) and its {@code data} as stored. This reader
 * knows the texts the script writes and answers {@code null} for anything else, which the
 * caller then reads as trees ({@link QlessCommands#settleResultFromTree}), so that both
 * readings give the same result for every reply this one accepts.
 */
final class SettleReplyReader {

	/** A {@code failure} field that the tree reading takes for no failure. */
	private static final JobFailure NO_FAILURE = new JobFailure("", "", 0, "");

	private final JsonMapper mapper;

	SettleReplyReader(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/**
	 * Read a settle reply.
	 * @param reply the script's reply (a list of texts, as bytes or as strings)
	 * @param settlements the settlements of the call, in order
	 * @return the result, or {@code null} for a reply of another shape
	 */
	@Nullable SettleResult read(@Nullable Object reply, List<Settlement> settlements) {
		if (!(reply instanceof List<?> parts) || parts.size() % 2 != 1) {
			return null;
		}
		try {
			List<BatchResult<Object>> outcomes;
			try (JsonParser parser = parser(parts.get(0))) {
				if (parser == null) {
					return null;
				}
				parser.nextToken();
				outcomes = outcomes(parser, settlements);
			}
			if (outcomes == null || outcomes.size() != settlements.size()) {
				return null;
			}
			List<Job> jobs = new ArrayList<>(parts.size() / 2);
			for (int i = 1; i < parts.size(); i += 2) {
				Object data = parts.get(i + 1);
				if (!(data instanceof byte[] || data instanceof String)) {
					return null;
				}
				Job job;
				try (JsonParser parser = parser(parts.get(i))) {
					if (parser == null || parser.nextToken() != JsonToken.START_OBJECT) {
						return null;
					}
					job = job(parser, Replies.string(data));
				}
				if (job == null) {
					return null;
				}
				jobs.add(job);
			}
			return new SettleResult(outcomes, jobs);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private @Nullable JsonParser parser(@Nullable Object text) {
		if (text instanceof byte[] bytes) {
			return this.mapper.createParser(bytes);
		}
		return (text instanceof String string) ? this.mapper.createParser(string) : null;
	}

	private static @Nullable List<BatchResult<Object>> outcomes(JsonParser parser, List<Settlement> settlements) {
		if (parser.currentToken() != JsonToken.START_ARRAY) {
			return null;
		}
		List<BatchResult<Object>> outcomes = new ArrayList<>(settlements.size());
		JsonToken token;
		while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
			if (outcomes.size() == settlements.size()) {
				return null;
			}
			if (token == JsonToken.VALUE_STRING) {
				outcomes.add(new BatchResult<>(parser.getString(), null));
			}
			else if (token == JsonToken.VALUE_NUMBER_INT) {
				outcomes.add(new BatchResult<>(parser.getLongValue(), null));
			}
			else if (token == JsonToken.START_OBJECT && "error".equals(parser.nextName())
					&& parser.nextToken() == JsonToken.VALUE_STRING) {
				String message = parser.getString();
				if (parser.nextToken() != JsonToken.END_OBJECT) {
					return null;
				}
				String command = settlements.get(outcomes.size()).command();
				outcomes.add(new BatchResult<>(null, QlessErrors.fromMessage(command, message, null)));
			}
			else {
				return null;
			}
		}
		return outcomes;
	}

	/**
	 * A lean job: the fields of {@link QlessJson#job}, but no history, and its data given
	 * apart; priority and retries may be absent (0, as the tree reading gives).
	 */
	private static @Nullable Job job(JsonParser parser, String data) {
		String jid = null;
		String klass = null;
		String state = null;
		String queue = null;
		String worker = null;
		Boolean tracked = null;
		Double expires = null;
		Long remaining = null;
		long priority = 0;
		long retries = 0;
		List<String> tags = null;
		List<String> throttles = List.of();
		List<String> dependents = List.of();
		List<String> dependencies = List.of();
		JobFailure failure = null;
		boolean failureSeen = false;
		String spawned = null;
		boolean spawnedSeen = false;
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken token = parser.nextToken();
			switch (name) {
				case "jid" -> jid = string(parser, token);
				case "klass" -> klass = string(parser, token);
				case "state" -> state = string(parser, token);
				case "queue" -> queue = string(parser, token);
				case "worker" -> worker = string(parser, token);
				case "tracked" -> tracked = (token == JsonToken.VALUE_TRUE) ? Boolean.TRUE
						: (token == JsonToken.VALUE_FALSE) ? Boolean.FALSE : null;
				case "expires" -> expires = (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT)
						? parser.getDoubleValue() : null;
				case "remaining" -> remaining = whole(parser, token);
				case "priority" -> {
					Long value = whole(parser, token);
					if (value == null) {
						return null;
					}
					priority = value;
				}
				case "retries" -> {
					Long value = whole(parser, token);
					if (value == null) {
						return null;
					}
					retries = value;
				}
				case "tags" -> tags = strings(parser, token);
				case "throttles" -> throttles = strings(parser, token);
				case "dependents" -> dependents = strings(parser, token);
				case "dependencies" -> dependencies = strings(parser, token);
				case "failure" -> {
					JobFailure read = failure(parser, token);
					if (read == null) {
						return null;
					}
					failure = (read != NO_FAILURE) ? read : null;
					failureSeen = true;
				}
				case "spawned_from_jid" -> {
					if (token == JsonToken.VALUE_STRING) {
						spawned = parser.getString();
					}
					else if (token != JsonToken.VALUE_FALSE) {
						return null;
					}
					spawnedSeen = true;
				}
				default -> {
					return null;
				}
			}
		}
		if (jid == null || klass == null || state == null || queue == null || worker == null
				|| tracked == null || expires == null || remaining == null || tags == null || throttles == null
				|| dependents == null || dependencies == null || !failureSeen || !spawnedSeen) {
			return null;
		}
		return new Job(jid, klass, JobState.fromWireName(state), queue, worker, tracked, priority, expires, retries,
				remaining, data, tags, List.of(), failure, spawned, dependents, dependencies, throttles);
	}

	private static @Nullable String string(JsonParser parser, JsonToken token) {
		return (token == JsonToken.VALUE_STRING) ? parser.getString() : null;
	}

	/**
	 * A number as the tree reading takes it for a whole one: a fraction cut toward zero, as
	 * cjson writes {@code 2e+14} for a large priority.
	 */
	private static @Nullable Long whole(JsonParser parser, JsonToken token) {
		if (token == JsonToken.VALUE_NUMBER_INT) {
			return parser.getLongValue();
		}
		if (token == JsonToken.VALUE_NUMBER_FLOAT) {
			double value = parser.getDoubleValue();
			return (value > -9.0e18 && value < 9.0e18) ? (long) value : null;
		}
		return null;
	}

	/** A list of strings; the script writes an empty one as {@code {}}. */
	private static @Nullable List<String> strings(JsonParser parser, JsonToken token) {
		if (token == JsonToken.START_OBJECT) {
			return (parser.nextToken() == JsonToken.END_OBJECT) ? List.of() : null;
		}
		if (token != JsonToken.START_ARRAY) {
			return null;
		}
		List<String> values = new ArrayList<>();
		JsonToken next;
		while ((next = parser.nextToken()) == JsonToken.VALUE_STRING) {
			values.add(parser.getString());
		}
		return (next == JsonToken.END_ARRAY) ? List.copyOf(values) : null;
	}

	/**
	 * The {@code failure} field: a failure when it is an object with a group,
	 * {@link #NO_FAILURE} for an object without one or a list, {@code null} for fields or
	 * values this reader does not know.
	 */
	private static @Nullable JobFailure failure(JsonParser parser, JsonToken token) {
		if (token == JsonToken.START_ARRAY) {
			parser.skipChildren();
			return NO_FAILURE;
		}
		if (token != JsonToken.START_OBJECT) {
			return null;
		}
		String group = null;
		String message = "";
		String worker = "";
		double when = 0;
		String name;
		while ((name = parser.nextName()) != null) {
			JsonToken value = parser.nextToken();
			if (name.equals("when") && (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT)) {
				when = parser.getDoubleValue();
			}
			else if (value != JsonToken.VALUE_STRING) {
				return null;
			}
			else if (name.equals("group")) {
				group = parser.getString();
			}
			else if (name.equals("message")) {
				message = parser.getString();
			}
			else if (name.equals("worker")) {
				worker = parser.getString();
			}
			else {
				return null;
			}
		}
		return (group != null) ? new JobFailure(group, message, when, worker) : NO_FAILURE;
	}

}
