package io.qless.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the Linux scheduler reports of each thread of processes on this machine
 * ({@code /proc/<pid>/task/<tid>/schedstat}): the CPU time it ran, the time it waited
 * runnable for a core, and how many times it was given one, summed by thread name (numbers
 * dropped). Take a {@link #snapshot()} before and after a run and print what each thread
 * took per job: on a busy machine, a thread woken on a job's path waits for a core as long
 * as the scheduler makes it, and this shows which threads and how long. Empty where there
 * is no {@code /proc} (or the Redis runs elsewhere).
 */
final class ThreadSchedules {

	private final Map<String, Path> processes;

	/**
	 * @param processes a label for each process (printed before its thread names) and its
	 * {@code /proc/<pid>} directory
	 */
	ThreadSchedules(Map<String, Path> processes) {
		this.processes = processes;
	}

	static Path self() {
		return Path.of("/proc/self");
	}

	static Path process(long pid) {
		return Path.of("/proc", Long.toString(pid));
	}

	Map<String, long[]> snapshot() {
		Map<String, long[]> threads = new TreeMap<>();
		this.processes.forEach((label, process) -> {
			try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
				for (Path task : tasks.toList()) {
					try {
						String name = Files.readString(task.resolve("comm")).trim().replaceAll("[-#]?\\d+$", "#N");
						String[] fields = Files.readString(task.resolve("schedstat")).trim().split(" ");
						long[] sum = threads.computeIfAbsent(label + " " + name, (key) -> new long[3]);
						for (int i = 0; i < 3; i++) {
							sum[i] += Long.parseLong(fields[i]);
						}
					}
					catch (IOException | RuntimeException ex) {
						// the thread ended meanwhile
					}
				}
			}
			catch (IOException ex) {
				// no such process, or no /proc
			}
		});
		return threads;
	}

	/**
	 * CPU time between two snapshots of the threads whose name contains {@code part}.
	 */
	static long cpuNanos(Map<String, long[]> before, Map<String, long[]> after, String part) {
		long nanos = 0;
		for (Map.Entry<String, long[]> entry : after.entrySet()) {
			if (entry.getKey().contains(part)) {
				nanos += entry.getValue()[0] - before.getOrDefault(entry.getKey(), new long[3])[0];
			}
		}
		return nanos;
	}

	/**
	 * Lines of CPU µs, run-queue wait µs and time slices per job of each thread that ran or
	 * waited for a core at least 1 µs per job, busiest first.
	 */
	static List<String> perJob(Map<String, long[]> before, Map<String, long[]> after, int jobs) {
		List<Map.Entry<String, long[]>> deltas = new ArrayList<>();
		after.forEach((name, now) -> {
			long[] then = before.getOrDefault(name, new long[3]);
			long[] delta = { now[0] - then[0], now[1] - then[1], now[2] - then[2] };
			if (delta[0] + delta[1] >= 1_000L * jobs) {
				deltas.add(Map.entry(name, delta));
			}
		});
		deltas.sort((a, b) -> Long.compare(b.getValue()[0] + b.getValue()[1], a.getValue()[0] + a.getValue()[1]));
		List<String> lines = new ArrayList<>();
		for (Map.Entry<String, long[]> entry : deltas) {
			long[] delta = entry.getValue();
			lines.add(String.format("%-36s CPU %7.1f µs, waited for a core %7.1f µs, %5.2f time slices", entry.getKey(),
					delta[0] / 1e3 / jobs, delta[1] / 1e3 / jobs, delta[2] / (double) jobs));
		}
		return lines;
	}

}
