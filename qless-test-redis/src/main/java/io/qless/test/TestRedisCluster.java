package io.qless.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A real Redis Cluster of masters without replicas, for tests and benchmarks: one
 * {@code redis-server --cluster-enabled yes} per master on free loopback ports, joined by
 * {@code redis-cli --cluster create ... --cluster-yes}, which spreads the 16,384 slots evenly
 * (three masters: 0-5460, 5461-10922, 10923-16383). Each node keeps an append-only file in
 * a directory of its own, so that a {@linkplain #restartNode(int) restarted} node comes back with
 * its slots and its data. {@link #close()} stops every node and deletes the files; nodes
 * also stop when the JVM is gone.
 * <pre class="code">
 * try (TestRedisCluster cluster = TestRedisCluster.start(3)) {
 *     String nodes = cluster.nodes(); // for spring.data.redis.cluster.nodes
 * }
 * </pre>
 */
public final class TestRedisCluster implements AutoCloseable {

	private static final long READY_TIMEOUT_MILLIS = 30_000;

	private final Path binary;

	private final Path cli;

	private final Path dir;

	private final List<Node> nodes = new ArrayList<>();

	private TestRedisCluster(Path binary, Path cli, Path dir) {
		this.binary = binary;
		this.cli = cli;
		this.dir = dir;
	}

	/**
	 * Return whether {@code redis-server} and {@code redis-cli} are on the {@code PATH}.
	 * @return whether a cluster can be started
	 */
	public static boolean isAvailable() {
		return findBinary("redis-server") != null && findBinary("redis-cli") != null;
	}

	/**
	 * Start a cluster of the given number of masters (at least three, as Redis requires)
	 * and wait until every node reports {@code cluster_state:ok}.
	 * @param masters the number of masters
	 * @return the running cluster
	 * @throws TestRedisUnavailableException if the binaries are missing or the cluster does
	 * not form
	 */
	public static TestRedisCluster start(int masters) {
		if (masters < 3) {
			throw new IllegalArgumentException("A Redis Cluster needs at least 3 masters");
		}
		Path binary = findBinary("redis-server");
		Path cli = findBinary("redis-cli");
		if (binary == null || cli == null) {
			throw new TestRedisUnavailableException("A Redis Cluster needs redis-server and redis-cli on the PATH");
		}
		Path dir;
		try {
			dir = Files.createTempDirectory("qless-test-cluster-");
		}
		catch (IOException ex) {
			throw new TestRedisUnavailableException("Cannot create a directory for the cluster: " + ex.getMessage(),
					ex);
		}
		TestRedisCluster cluster = new TestRedisCluster(binary, cli, dir);
		try {
			for (int i = 0; i < masters; i++) {
				cluster.nodes.add(cluster.launch(freePort()));
			}
			cluster.create();
			cluster.awaitOk();
			return cluster;
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
	}

	/**
	 * Return a free port whose cluster bus port (the port + 10000) is free as well.
	 */
	private static int freePort() {
		for (int attempt = 0; attempt < 100; attempt++) {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				int port = socket.getLocalPort();
				if (port + 10_000 > 65_535) {
					continue;
				}
				try (ServerSocket bus = new ServerSocket(port + 10_000, 1, InetAddress.getLoopbackAddress())) {
					return port;
				}
			}
			catch (IOException ex) {
				// taken: try another one
			}
		}
		throw new TestRedisUnavailableException("No free loopback port with a free cluster bus port");
	}

	private static @Nullable Path findBinary(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return null;
		}
		for (String entry : path.split(java.io.File.pathSeparator)) {
			if (!entry.isEmpty()) {
				Path candidate = Path.of(entry, name);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return candidate;
				}
			}
		}
		return null;
	}

	private Node launch(int port) {
		Path nodeDir = this.dir.resolve("node-" + port);
		try {
			Files.createDirectories(nodeDir);
		}
		catch (IOException ex) {
			throw new TestRedisUnavailableException("Cannot create " + nodeDir + ": " + ex.getMessage(), ex);
		}
		Path log = nodeDir.resolve("redis.log");
		List<String> command = RedisServerProcess.watched(List.of(this.binary.toString(), "--port",
				Integer.toString(port), "--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file",
				"nodes.conf", "--cluster-node-timeout", "2000", "--appendonly", "yes", "--save", "", "--daemonize",
				"no", "--dir", nodeDir.toString(), "--logfile", log.toString()));
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(nodeDir.resolve("redis.out").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new TestRedisUnavailableException("Could not run " + this.binary + ": " + ex.getMessage(), ex);
		}
		Node node = new Node(port, process);
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new TestRedisUnavailableException("Cluster node on port " + port + " exited; see " + log);
			}
			try {
				if ("PONG".equals(callPort(port, "PING"))) {
					return node;
				}
			}
			catch (RuntimeException ex) {
				// not ready yet
			}
			sleep(20);
		}
		node.stop();
		throw new TestRedisUnavailableException("Cluster node on port " + port + " did not answer; see " + log);
	}

	private void create() {
		List<String> command = new ArrayList<>(List.of(this.cli.toString(), "--cluster", "create"));
		for (Node node : this.nodes) {
			command.add("127.0.0.1:" + node.port);
		}
		command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
		Path out = this.dir.resolve("create.out");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
			if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
				process.destroyForcibly();
				throw new TestRedisUnavailableException("redis-cli --cluster create failed: "
						+ Files.readString(out, StandardCharsets.UTF_8));
			}
		}
		catch (IOException ex) {
			throw new TestRedisUnavailableException("Could not run " + this.cli + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TestRedisUnavailableException("Interrupted while creating the cluster", ex);
		}
	}

	/**
	 * Wait until every node says {@code cluster_state:ok} and agrees on who owns every slot.
	 */
	public void awaitOk() {
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READY_TIMEOUT_MILLIS);
		String last = "";
		while (System.nanoTime() < deadline) {
			boolean ok = true;
			for (Node node : this.nodes) {
				try {
					String info = String.valueOf(callPort(node.port, "CLUSTER", "INFO"));
					if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_ok:16384")) {
						ok = false;
						last = "node " + node.port + ": " + info.lines().limit(3).toList();
					}
				}
				catch (RuntimeException ex) {
					ok = false;
					last = "node " + node.port + ": " + ex.getMessage();
				}
			}
			if (ok) {
				return;
			}
			sleep(50);
		}
		throw new TestRedisUnavailableException("The cluster did not become ready: " + last);
	}

	/**
	 * Return the nodes as {@code spring.data.redis.cluster.nodes} takes them:
	 * {@code 127.0.0.1:7001,127.0.0.1:7002,...}.
	 * @return the node addresses
	 */
	public String nodes() {
		return String.join(",", this.nodes.stream().map((node) -> "127.0.0.1:" + node.port).toList());
	}

	/**
	 * Return the port of a node.
	 * @param node the node's index, from 0, in start order
	 * @return the port
	 */
	public int port(int node) {
		return this.nodes.get(node).port;
	}

	/**
	 * Return the number of nodes.
	 * @return the number of masters
	 */
	public int size() {
		return this.nodes.size();
	}

	/**
	 * Return the cluster's hash slot of a key ({@code CLUSTER KEYSLOT}).
	 * @param key the key
	 * @return the slot
	 */
	public int slot(String key) {
		return ((Long) callPort(port(0), "CLUSTER", "KEYSLOT", key)).intValue();
	}

	/**
	 * Return the index of the node that owns a slot now, as the first node sees it.
	 * @param slot the slot
	 * @return the node's index
	 */
	public int nodeOfSlot(int slot) {
		String id = ownerId(slot);
		for (int i = 0; i < this.nodes.size(); i++) {
			if (id.equals(nodeId(i))) {
				return i;
			}
		}
		throw new IllegalStateException("No node owns slot " + slot);
	}

	/**
	 * Return the index of the node that owns a key's slot.
	 * @param key the key
	 * @return the node's index
	 */
	public int nodeOf(String key) {
		return nodeOfSlot(slot(key));
	}

	/**
	 * Return a node's cluster id ({@code CLUSTER MYID}).
	 * @param node the node's index
	 * @return the id
	 */
	public String nodeId(int node) {
		return String.valueOf(callPort(port(node), "CLUSTER", "MYID"));
	}

	private String ownerId(int slot) {
		for (String line : String.valueOf(callPort(port(0), "CLUSTER", "NODES")).split("\n")) {
			String[] fields = line.trim().split(" ");
			if (fields.length < 9 || fields[2].contains("fail")) {
				continue;
			}
			for (int i = 8; i < fields.length; i++) {
				String range = fields[i];
				if (range.startsWith("[")) {
					continue;
				}
				String[] bounds = range.split("-");
				int from = Integer.parseInt(bounds[0]);
				int to = (bounds.length > 1) ? Integer.parseInt(bounds[1]) : from;
				if (slot >= from && slot <= to) {
					return fields[0];
				}
			}
		}
		throw new IllegalStateException("No node owns slot " + slot);
	}

	/**
	 * Move one slot, with its keys, to another node, as {@code redis-cli --cluster reshard}
	 * does: {@code IMPORTING}/{@code MIGRATING}, {@code MIGRATE} of every key, then
	 * {@code SETSLOT ... NODE} on every node. Clients that still send the slot's commands to
	 * the old owner get {@code MOVED}.
	 * @param slot the slot
	 * @param target the index of the node that is to own it
	 */
	public void migrateSlot(int slot, int target) {
		int source = nodeOfSlot(slot);
		if (source == target) {
			return;
		}
		String sourceId = nodeId(source);
		String targetId = nodeId(target);
		String slotText = Integer.toString(slot);
		callPort(port(target), "CLUSTER", "SETSLOT", slotText, "IMPORTING", sourceId);
		callPort(port(source), "CLUSTER", "SETSLOT", slotText, "MIGRATING", targetId);
		while (true) {
			List<?> keys = (List<?>) callPort(port(source), "CLUSTER", "GETKEYSINSLOT", slotText, "100");
			if (keys == null || keys.isEmpty()) {
				break;
			}
			List<String> migrate = new ArrayList<>(List.of("MIGRATE", "127.0.0.1", Integer.toString(port(target)), "",
					"0", "5000", "KEYS"));
			keys.forEach((key) -> migrate.add(String.valueOf(key)));
			callPort(port(source), migrate.toArray(String[]::new));
		}
		for (int i = 0; i < this.nodes.size(); i++) {
			callPort(port(i), "CLUSTER", "SETSLOT", slotText, "NODE", targetId);
		}
		awaitOk();
	}

	/**
	 * Stop a node (it writes its append-only file) and start it again on the same port with
	 * the same files, then wait for the cluster to be whole again.
	 * @param node the node's index
	 */
	public void restartNode(int node) {
		stopNode(node);
		startNode(node);
	}

	/**
	 * Stop a node; its slots are unavailable until it is {@linkplain #startNode(int) started}.
	 * @param node the node's index
	 */
	public void stopNode(int node) {
		this.nodes.get(node).stop();
	}

	/**
	 * Start a stopped node again, with its files, and wait for the cluster to be whole.
	 * @param node the node's index
	 */
	public void startNode(int node) {
		Node old = this.nodes.get(node);
		this.nodes.set(node, launch(old.port));
		awaitOk();
	}

	/**
	 * Return a section of a node's {@code INFO}, for example {@code cpu}, as text.
	 * @param node the node's index
	 * @param section the section
	 * @return the {@code INFO} text
	 */
	public String info(int node, String section) {
		return String.valueOf(callPort(port(node), "INFO", section));
	}

	/**
	 * Run one command on one node and return its reply: a String, Long, List or
	 * {@code null}.
	 * @param node the node's index
	 * @param command the command and its arguments
	 * @return the reply
	 */
	public @Nullable Object call(int node, String... command) {
		return callPort(port(node), command);
	}

	private static @Nullable Object callPort(int port, String... command) {
		try (RespConnection connection = RespConnection.open(RedisAddress.local(port))) {
			return connection.call(command);
		}
	}

	@Override
	public void close() {
		for (Node node : this.nodes) {
			node.stop();
		}
		try (Stream<Path> files = Files.walk(this.dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory
		}
	}

	@Override
	public String toString() {
		return "Redis Cluster " + nodes();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TestRedisUnavailableException("Interrupted while waiting for the cluster", ex);
		}
	}

	private static final class Node {

		private final int port;

		private final Process process;

		Node(int port, Process process) {
			this.port = port;
			this.process = process;
		}

		void stop() {
			if (!this.process.isAlive()) {
				return;
			}
			// The watchdog shell passes TERM on; redis-server then writes its files and exits.
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly();
				}
				for (int i = 0; i < 200 && isListening(); i++) {
					Thread.sleep(25);
				}
			}
			catch (InterruptedException ex) {
				this.process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}

		private boolean isListening() {
			try (java.net.Socket socket = new java.net.Socket()) {
				socket.connect(new java.net.InetSocketAddress("127.0.0.1", this.port), 200);
				return true;
			}
			catch (IOException ex) {
				return false;
			}
		}

	}

}
