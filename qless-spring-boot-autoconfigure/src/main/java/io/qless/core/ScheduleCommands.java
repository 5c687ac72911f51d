package io.qless.core;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.qless.core.QlessJson.Replies;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

import static io.qless.core.QlessCommands.args;
import static io.qless.core.QlessCommands.notEmpty;

/**
 * Builds the script calls of the {@code schedule.*} commands and reads their replies. The
 * definition is sent as JSON text written by a plain mapper, field by field in a fixed
 * order, so that the same definition is the same text whatever the application's mapper
 * does: the script compares the text to decide whether a schedule changed.
 */
final class ScheduleCommands {

	private static final JsonMapper PLAIN = JsonMapper.builder().build();

	private final QlessCommands commands;

	ScheduleCommands(QlessCommands commands) {
		this.commands = commands;
	}

	QlessCommand<ScheduleChange> set(ScheduleDefinition definition, @Nullable Instant firstFireTime) {
		Assert.notNull(definition, "'definition' must not be null");
		List<String> args = args(definition.name(), definitionText(definition));
		if (definition.isCron()) {
			Assert.notNull(firstFireTime, "A cron schedule needs its first fire time");
			args.add(Long.toString(firstFireTime.getEpochSecond()));
		}
		return this.commands.command("schedule.set", args,
				(reply) -> ScheduleChange.valueOf(Replies.string(reply).toUpperCase(java.util.Locale.ROOT)));
	}

	static String definitionText(ScheduleDefinition definition) {
		Map<String, Object> fields = new LinkedHashMap<>();
		if (definition.cron() != null) {
			fields.put("type", "cron");
			fields.put("cron", definition.cron());
			fields.put("zone", definition.zone().getId());
		}
		else {
			Duration interval = definition.interval();
			Assert.state(interval != null, "No interval");
			fields.put("type", "interval");
			fields.put("interval", interval.toSeconds());
			fields.put("jid", ScheduleJids.templateJid(definition.name()));
			fields.put("backlog", (definition.misfire() == MisfirePolicy.FIRE_ALL) ? ScheduleDefinition.MAX_CATCH_UP : 1);
		}
		fields.put("misfire", definition.misfire().wireName());
		fields.put("queue", definition.queue());
		fields.put("klass", definition.klass());
		fields.put("data", definition.data());
		fields.put("priority", definition.priority());
		fields.put("tags", definition.tags());
		if (definition.retries() != null) {
			fields.put("retries", definition.retries());
		}
		fields.put("throttles", throttles(definition.throttles(), definition.queue()));
		return PLAIN.writeValueAsString(fields);
	}

	// The script adds the queue's own throttle itself.
	private static List<String> throttles(List<String> throttles, String queue) {
		String implicit = Throttle.queueThrottleId(queue);
		List<String> ids = new ArrayList<>(throttles.size());
		for (String id : throttles) {
			if (!id.equals(implicit) && !ids.contains(id)) {
				ids.add(id);
			}
		}
		return ids;
	}

	QlessCommand<@Nullable ScheduleInfo> get(String name) {
		return this.commands.command("schedule.get", args(notEmpty(name, "name")), this::infoOrNull);
	}

	QlessCommand<SchedulePage> list(int offset, int count) {
		return this.commands.command("schedule.list", args(Integer.toString(offset), Integer.toString(count)),
				(reply) -> {
					JsonNode tree = this.commands.json().tree(reply);
					List<ScheduleInfo> schedules = new ArrayList<>();
					for (JsonNode node : tree.path("schedules").values()) {
						schedules.add(info(node));
					}
					return new SchedulePage(tree.path("total").asLong(0), schedules);
				});
	}

	QlessCommand<DueSchedules> due(int limit) {
		return this.commands.command("schedule.due", args(Integer.toString(limit)), (reply) -> {
			JsonNode tree = this.commands.json().tree(reply);
			List<DueSchedules.Due> due = new ArrayList<>();
			for (JsonNode node : tree.path("due").values()) {
				due.add(new DueSchedules.Due(node.path("name").asString(), time(node.path("next")),
						node.path("cron").asString(), node.path("zone").asString("UTC"),
						MisfirePolicy.fromWireName(node.path("misfire").asString("fire-once"))));
			}
			return new DueSchedules(due, timeOrNull(tree.path("next")));
		});
	}

	QlessCommand<ScheduleFireResult> fire(String name, Instant fireTime, Instant next, String jid) {
		return this.commands.command("schedule.fire", args(notEmpty(name, "name"), seconds(fireTime), seconds(next),
				notEmpty(jid, "jid")), this::fireResult);
	}

	QlessCommand<ScheduleFireResult> skip(String name, Instant fireTime, Instant next, long count) {
		return this.commands.command("schedule.skip",
				args(notEmpty(name, "name"), seconds(fireTime), seconds(next), Long.toString(count)), this::fireResult);
	}

	QlessCommand<@Nullable String> trigger(String name, String jid) {
		return this.commands.command("schedule.trigger", args(notEmpty(name, "name"), jid), Replies::stringOrNull);
	}

	QlessCommand<@Nullable ScheduleInfo> pause(String name) {
		return this.commands.command("schedule.pause", args(notEmpty(name, "name")), this::infoOrNull);
	}

	QlessCommand<@Nullable ScheduleInfo> resume(String name, @Nullable Instant next) {
		List<String> args = args(notEmpty(name, "name"));
		if (next != null) {
			args.add(seconds(next));
		}
		return this.commands.command("schedule.resume", args, this::infoOrNull);
	}

	QlessCommand<Boolean> delete(String name) {
		return this.commands.command("schedule.delete", args(notEmpty(name, "name")),
				(reply) -> Replies.number(reply) > 0);
	}

	private static String seconds(Instant time) {
		Assert.notNull(time, "Fire times must not be null");
		return Long.toString(time.getEpochSecond());
	}

	private ScheduleFireResult fireResult(@Nullable Object reply) {
		JsonNode tree = this.commands.json().tree(reply);
		ScheduleFireResult.Outcome outcome;
		if (tree.path("fired").asBoolean(false)) {
			outcome = ScheduleFireResult.Outcome.FIRED;
		}
		else if (tree.path("skipped").asBoolean(false)) {
			outcome = ScheduleFireResult.Outcome.SKIPPED;
		}
		else {
			outcome = ScheduleFireResult.Outcome
				.valueOf(tree.path("reason").asString("unknown").toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
		}
		String jid = tree.path("jid").isString() ? tree.path("jid").asString() : null;
		return new ScheduleFireResult(outcome, jid, timeOrNull(tree.path("next")));
	}

	private @Nullable ScheduleInfo infoOrNull(@Nullable Object reply) {
		return (Replies.stringOrNull(reply) != null) ? info(this.commands.json().tree(reply)) : null;
	}

	private static ScheduleInfo info(JsonNode node) {
		String name = node.path("name").asString();
		MisfirePolicy misfire = MisfirePolicy.fromWireName(node.path("misfire").asString("fire-once"));
		JsonNode retries = node.path("retries");
		boolean cron = "cron".equals(node.path("type").asString());
		ScheduleDefinition definition = new ScheduleDefinition(name, cron ? node.path("cron").asString() : null,
				cron ? ZoneId.of(node.path("zone").asString("UTC")) : ScheduleDefinition.UTC,
				cron ? null : Duration.ofSeconds(node.path("interval").asLong()), misfire, node.path("queue").asString(),
				node.path("klass").asString(), node.path("data").asString("{}"), node.path("priority").asInt(0),
				QlessJson.strings(node.path("tags")), retries.isNumber() ? retries.asInt() : null,
				QlessJson.strings(node.path("throttles")));
		return new ScheduleInfo(definition, node.path("paused").asBoolean(false), timeOrNull(node.path("next")),
				timeOrNull(node.path("last")), node.path("last-jid").isString() ? node.path("last-jid").asString() : null,
				timeOrNull(node.path("last-put")), node.path("fired").asLong(0), node.path("skipped").asLong(0),
				node.path("triggered").asLong(0));
	}

	private static Instant time(JsonNode node) {
		Instant time = timeOrNull(node);
		Assert.state(time != null, "No time in the reply");
		return time;
	}

	private static @Nullable Instant timeOrNull(JsonNode node) {
		if (!node.isNumber()) {
			return null;
		}
		BigDecimal millis = node.decimalValue().movePointRight(3);
		return Instant.ofEpochMilli(millis.longValue());
	}

}
