package io.qless.dashboard.data;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.qless.core.QlessException;
import io.qless.core.QlessOperations;
import io.qless.core.QlessShard;
import io.qless.core.QlessTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link ThroughputSource} that asks the qless script: {@code throughput <now>} answers
 * {@code {"minutes":[{"at","completed","failed"} x60],"hours":[... x24]}} from per-minute
 * counters the script keeps. Scripts without that command answer "Unknown command
 * throughput", and the chart says it is not available.
 */
public class ScriptThroughputSource implements ThroughputSource {

	static final String NOT_AVAILABLE = "Not available: the qless script in use keeps no per-minute counters.";

	private final QlessOperations qless;

	private final JsonMapper mapper = JsonMapper.builder().build();

	/**
	 * Create a new instance.
	 * @param qless the client; only a {@link QlessTemplate} can ask the script
	 */
	public ScriptThroughputSource(QlessOperations qless) {
		this.qless = qless;
	}

	@Override
	public Throughput throughput() {
		if (!(this.qless instanceof QlessTemplate template)) {
			return Throughput.unavailable(NOT_AVAILABLE);
		}
		Throughput total = null;
		for (QlessShard shard : template.shards().all()) {
			String reply;
			try {
				reply = template.shards().isSharded() ? template.call(shard, "throughput") : template.call("throughput");
			}
			catch (QlessException ex) {
				if (String.valueOf(ex.getScriptMessage()).contains("Unknown command")) {
					return Throughput.unavailable(NOT_AVAILABLE);
				}
				throw ex;
			}
			Throughput figures = parse(reply);
			if (!figures.available()) {
				return figures;
			}
			total = (total != null) ? sum(total, figures) : figures;
		}
		return (total != null) ? total : Throughput.unavailable(NOT_AVAILABLE);
	}

	/**
	 * Add up the figures of two shards, bucket by bucket (the script answers the same
	 * buckets in every shard).
	 */
	private static Throughput sum(Throughput a, Throughput b) {
		return new Throughput(sum(a.minutes(), b.minutes()), sum(a.hours(), b.hours()), null);
	}

	private static List<Throughput.Bucket> sum(List<Throughput.Bucket> a, List<Throughput.Bucket> b) {
		List<Throughput.Bucket> buckets = new ArrayList<>(a.size());
		for (int i = 0; i < a.size(); i++) {
			Throughput.Bucket other = (i < b.size()) ? b.get(i) : null;
			Throughput.Bucket bucket = a.get(i);
			buckets.add((other == null) ? bucket : new Throughput.Bucket(bucket.at(),
					bucket.completed() + other.completed(), bucket.failed() + other.failed()));
		}
		return List.copyOf(buckets);
	}

	Throughput parse(@org.jspecify.annotations.Nullable String reply) {
		if (reply == null) {
			return Throughput.unavailable(NOT_AVAILABLE);
		}
		try {
			JsonNode root = this.mapper.readTree(reply);
			return new Throughput(buckets(root.path("minutes")), buckets(root.path("hours")), null);
		}
		catch (RuntimeException ex) {
			return Throughput.unavailable("Not available: unexpected reply to 'throughput'.");
		}
	}

	private static List<Throughput.Bucket> buckets(JsonNode array) {
		List<Throughput.Bucket> buckets = new ArrayList<>();
		for (JsonNode node : array.values()) {
			buckets.add(new Throughput.Bucket(instant(node.path("at")), node.path("completed").asLong(0),
					node.path("failed").asLong(0)));
		}
		return List.copyOf(buckets);
	}

	private static Instant instant(JsonNode at) {
		if (at.isNumber()) {
			return Instant.ofEpochMilli(Math.round(at.asDouble() * 1000));
		}
		String text = at.asString("");
		try {
			return Instant.ofEpochMilli(Math.round(Double.parseDouble(text) * 1000));
		}
		catch (NumberFormatException ex) {
			return Instant.parse(text);
		}
	}

}
