package io.qless.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates the qless script calls that {@link QlessCommands} builds into the reqless
 * dialect (reqless-dialect.md R8): renamed commands, keyword arguments that became
 * positional ({@code recur ... interval}, {@code complete ... next}), and {@code peek}'s
 * offset. Replies are read by the same converters: where reqless answers with JSON text
 * instead of a plain array, {@link QlessJson.Replies#strings} reads both.
 */
final class ReqlessCalls {

	private ReqlessCalls() {
	}

	static ScriptCall translate(ScriptCall call) {
		List<String> args = call.args();
		String command = switch (call.command()) {
			case "put" -> "queue.put";
			case "requeue" -> "job.requeue";
			case "pop" -> "queue.pop";
			case "peek" -> {
				args = insert(args, 1, "0");
				yield "queue.peek";
			}
			case "length" -> "queue.length";
			case "queues" -> args.isEmpty() ? "queues.counts" : "queue.counts";
			case "jobs" -> {
				if (!args.isEmpty() && args.get(0).equals("complete")) {
					args = args.subList(1, args.size());
					yield "jobs.completed";
				}
				yield "queue.jobsByState";
			}
			case "pause" -> "queue.pause";
			case "unpause" -> "queue.unpause";
			case "stats" -> "queue.stats";
			case "unfail" -> "queue.unfail";
			case "recur" -> {
				// <queue> <jid> <klass> <data> interval <interval> <offset> ...
				args = remove(args, 4);
				yield "queue.recurAtInterval";
			}
			case "get" -> "job.get";
			case "multiget" -> "job.getMulti";
			case "complete" -> {
				if (args.size() > 4 && args.get(4).equals("next")) {
					args = remove(args, 4);
					yield "job.completeAndRequeue";
				}
				yield "job.complete";
			}
			case "fail" -> "job.fail";
			case "retry" -> "job.retry";
			case "heartbeat" -> "job.heartbeat";
			case "cancel" -> "job.cancel";
			case "priority" -> "job.setPriority";
			case "log" -> "job.log";
			case "timeout" -> "job.timeout";
			case "tag" -> {
				String sub = args.get(0);
				args = args.subList(1, args.size());
				yield switch (sub) {
					case "add" -> "job.addTag";
					case "remove" -> "job.removeTag";
					case "get" -> "jobs.tagged";
					default -> "tags.top";
				};
			}
			case "track" -> {
				if (args.isEmpty()) {
					yield "jobs.tracked";
				}
				String sub = args.get(0);
				args = args.subList(1, args.size());
				yield sub.equals("track") ? "job.track" : "job.untrack";
			}
			case "depends" -> {
				String sub = args.get(1);
				args = remove(args, 1);
				yield sub.equals("on") ? "job.addDependency" : "job.removeDependency";
			}
			case "recur.get" -> "recurringJob.get";
			case "recur.update" -> "recurringJob.update";
			case "recur.tag" -> "recurringJob.addTag";
			case "recur.untag" -> "recurringJob.removeTag";
			case "unrecur" -> "recurringJob.cancel";
			case "config.get" -> args.isEmpty() ? "config.getAll" : "config.get";
			case "workers" -> args.isEmpty() ? "workers.counts" : "worker.jobs";
			case "worker.deregister" -> "worker.forget";
			case "failed" -> args.isEmpty() ? "failureGroups.counts" : "jobs.failedByGroup";
			// config.set, config.unset, queue.forget, throttle.*, queue.throttle.*: same names
			default -> call.command();
		};
		return new ScriptCall(command, call.clock(), List.copyOf(args));
	}

	/**
	 * Return the qless name of a reqless command of the job lifecycle, so that exceptions
	 * name the same command in both dialects; other names are returned as they are.
	 */
	static String qlessName(String command) {
		return switch (command) {
			case "job.complete", "job.completeAndRequeue" -> "complete";
			case "job.fail" -> "fail";
			case "job.retry" -> "retry";
			case "job.heartbeat" -> "heartbeat";
			case "job.cancel" -> "cancel";
			case "job.requeue" -> "requeue";
			case "queue.put" -> "put";
			case "queue.pop" -> "pop";
			default -> command;
		};
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

}
