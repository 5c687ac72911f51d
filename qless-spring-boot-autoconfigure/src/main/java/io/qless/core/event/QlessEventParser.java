package io.qless.core.event;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a pub/sub message of the qless script into a {@link QlessEvent}.
 */
final class QlessEventParser {

	private final JsonMapper mapper;

	QlessEventParser(JsonMapper mapper) {
		this.mapper = mapper;
	}

	QlessEvent parse(String channel, String payload) {
		if (QlessEventSubscriber.READY_CHANNEL.equals(channel)) {
			return new QlessEvent.Ready(channel, payload);
		}
		TrackedKind kind = TrackedKind.fromChannel(channel);
		if (kind != null) {
			return new QlessEvent.Tracked(channel, kind, payload);
		}
		JsonNode node;
		try {
			node = this.mapper.readTree(payload);
		}
		catch (JacksonException ex) {
			return new QlessEvent.Unknown(channel, payload);
		}
		String jid = text(node, "jid");
		String event = text(node, "event");
		if (event == null) {
			return new QlessEvent.Unknown(channel, payload);
		}
		return switch (event) {
			case "put" -> new QlessEvent.Put(channel, orEmpty(jid), orEmpty(text(node, "queue")));
			case "lock_lost" -> new QlessEvent.LockLost(channel, orEmpty(jid), orEmpty(text(node, "worker")));
			case "canceled" -> new QlessEvent.Canceled(channel, orEmpty(jid), text(node, "worker"), text(node, "queue"));
			case "completed" -> new QlessEvent.Completed(channel, orEmpty(jid), orEmpty(text(node, "queue")));
			case "advanced" -> new QlessEvent.Advanced(channel, orEmpty(jid), orEmpty(text(node, "queue")),
					orEmpty(text(node, "to")));
			case "failed" -> new QlessEvent.Failed(channel, orEmpty(jid), orEmpty(text(node, "worker")),
					orEmpty(text(node, "group")), orEmpty(text(node, "message")));
			case "config_set" -> new QlessEvent.ConfigSet(channel, orEmpty(text(node, "option")),
					orEmpty(text(node, "value")));
			case "config_unset" -> new QlessEvent.ConfigUnset(channel, orEmpty(text(node, "option")));
			default -> new QlessEvent.Unknown(channel, payload);
		};
	}

	// The script writes absent hash fields as JSON false.
	private static @Nullable String text(JsonNode node, String key) {
		JsonNode value = node.path(key);
		return (value.isString() || value.isNumber()) ? value.asString() : null;
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
