package io.qless.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Translates the qless script calls that {@link QlessCommands} builds into the reqless
 * dialect: renamed commands, keyword arguments that became positional ({@code recur ...
 * interval}, {@code complete ... next}), subcommands that became commands of their own
 * ({@code tag add}, {@code depends ... on}), and {@code peek}'s offset. Replies are read by
 * the same converters: where reqless answers with JSON text instead of a plain array,
 * {@link QlessJson.Replies#strings} reads both.
 * <p>
 * One table of {@link Rule}s is the single source of the mapping, in both directions:
 * {@link #qlessName(String)} reads it backwards so that exceptions name the same command
 * in both dialects. Commands not in the table ({@code config.set}, {@code config.unset},
 * {@code queue.forget}, {@code throttle.*}, {@code queue.throttle.*}, {@code schedule.*} but
 * {@code schedule.list} and {@code schedule.due}) have the same name in both.
 */
final class ReqlessCalls {

	private static final List<Rule> RULES = List.of(
			Rule.of("put", "queue.put"),
			Rule.of("put.many", "queue.putMany"),
			Rule.of("requeue", "job.requeue"),
			Rule.of("pop", "queue.pop"),
			Rule.of("settle", "worker.settle"),
			Rule.of("peek", "queue.peek").rewrite((args) -> insert(args, 1, "0")),
			Rule.of("length", "queue.length"),
			Rule.of("queues", "queues.counts").when(List::isEmpty),
			Rule.of("queues", "queue.counts"),
			Rule.of("jobs", "jobs.completed").when((args) -> !args.isEmpty() && args.get(0).equals("complete"))
				.rewrite((args) -> remove(args, 0)),
			Rule.of("jobs", "queue.jobsByState"),
			Rule.of("pause", "queue.pause"),
			Rule.of("unpause", "queue.unpause"),
			Rule.of("stats", "queue.stats"),
			Rule.of("unfail", "queue.unfail"),
			// <queue> <jid> <klass> <data> interval <interval> <offset> ...: the keyword goes
			Rule.of("recur", "queue.recurAtInterval").rewrite((args) -> remove(args, 4)),
			Rule.of("get", "job.get"),
			Rule.of("multiget", "job.getMulti"),
			// <jid> <worker> <queue> <data> next <queue> ...: the keyword goes
			Rule.of("complete", "job.completeAndRequeue").when((args) -> args.size() > 4 && args.get(4).equals("next"))
				.rewrite((args) -> remove(args, 4)),
			Rule.of("complete", "job.complete"),
			Rule.of("fail", "job.fail"),
			Rule.of("retry", "job.retry"),
			Rule.of("heartbeat", "job.heartbeat"),
			Rule.of("cancel", "job.cancel"),
			Rule.of("priority", "job.setPriority"),
			Rule.of("log", "job.log"),
			Rule.of("timeout", "job.timeout"),
			Rule.of("tag", "job.addTag").when((args) -> subcommand(args, 0, "add")).rewrite((args) -> remove(args, 0)),
			Rule.of("tag", "job.removeTag").when((args) -> subcommand(args, 0, "remove"))
				.rewrite((args) -> remove(args, 0)),
			Rule.of("tag", "jobs.tagged").when((args) -> subcommand(args, 0, "get")).rewrite((args) -> remove(args, 0)),
			Rule.of("tag", "tags.top").rewrite((args) -> remove(args, 0)),
			Rule.of("track", "jobs.tracked").when(List::isEmpty),
			Rule.of("track", "job.track").when((args) -> subcommand(args, 0, "track"))
				.rewrite((args) -> remove(args, 0)),
			Rule.of("track", "job.untrack").rewrite((args) -> remove(args, 0)),
			Rule.of("depends", "job.addDependency").when((args) -> subcommand(args, 1, "on"))
				.rewrite((args) -> remove(args, 1)),
			Rule.of("depends", "job.removeDependency").rewrite((args) -> remove(args, 1)),
			Rule.of("recur.get", "recurringJob.get"),
			Rule.of("recur.update", "recurringJob.update"),
			Rule.of("recur.tag", "recurringJob.addTag"),
			Rule.of("recur.untag", "recurringJob.removeTag"),
			Rule.of("unrecur", "recurringJob.cancel"),
			Rule.of("config.get", "config.getAll").when(List::isEmpty),
			Rule.of("config.get", "config.get"),
			Rule.of("workers", "workers.counts").when(List::isEmpty),
			Rule.of("workers", "worker.jobs"),
			Rule.of("worker.deregister", "worker.forget"),
			Rule.of("failed", "failureGroups.counts").when(List::isEmpty),
			Rule.of("failed", "jobs.failedByGroup"),
			Rule.of("throughput", "stats.throughput"),
			// the schedule extension: the collections are plural in reqless, the rest the same
			Rule.of("schedule.list", "schedules.list"),
			Rule.of("schedule.due", "schedules.due"));

	private static final Map<String, String> QLESS_NAMES = qlessNames();

	private ReqlessCalls() {
	}

	private static Map<String, String> qlessNames() {
		Map<String, String> names = new HashMap<>();
		for (Rule rule : RULES) {
			names.putIfAbsent(rule.reqless(), rule.qless());
		}
		return Map.copyOf(names);
	}

	static ScriptCall translate(ScriptCall call) {
		List<String> args = call.args();
		for (Rule rule : RULES) {
			if (rule.qless().equals(call.command()) && rule.applies().test(args)) {
				return new ScriptCall(rule.reqless(), call.clock(), List.copyOf(rule.rewrite().apply(args)), call.key());
			}
		}
		return call;
	}

	/**
	 * Return the qless name of a reqless command, so that exceptions name the same command
	 * in both dialects; other names are returned as they are.
	 */
	static String qlessName(String command) {
		return QLESS_NAMES.getOrDefault(command, command);
	}

	private static boolean subcommand(List<String> args, int index, String name) {
		return args.size() > index && args.get(index).equals(name);
	}

	private static List<String> insert(List<String> args, int index, String value) {
		List<String> copy = new ArrayList<>(args);
		copy.add(Math.min(index, copy.size()), value);
		return copy;
	}

	private static List<String> remove(List<String> args, int index) {
		List<String> copy = new ArrayList<>(args);
		if (index < copy.size()) {
			copy.remove(index);
		}
		return copy;
	}

	/**
	 * One qless command (under a condition on its arguments) and its reqless form.
	 */
	private record Rule(String qless, String reqless, Predicate<List<String>> applies,
			UnaryOperator<List<String>> rewrite) {

		static Rule of(String qless, String reqless) {
			return new Rule(qless, reqless, (args) -> true, UnaryOperator.identity());
		}

		Rule when(Predicate<List<String>> condition) {
			return new Rule(this.qless, this.reqless, condition, this.rewrite);
		}

		Rule rewrite(UnaryOperator<List<String>> rewriting) {
			return new Rule(this.qless, this.reqless, this.applies, rewriting);
		}

	}

}
