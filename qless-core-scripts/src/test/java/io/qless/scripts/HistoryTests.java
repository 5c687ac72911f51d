package io.qless.scripts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Job history: storage format, trimming and legacy migration. */
class HistoryTests extends ScriptTestSupport {

	private List<Integer> whens(String jid) {
		List<Integer> whens = new ArrayList<>();
		for (JsonNode entry : this.qless.job(jid).get("history")) {
			whens.add(entry.get("when").asInt());
		}
		return whens;
	}

	private void puts(String jid, int count) {
		for (int i = 0; i < count; i++) {
			this.qless.put(i, "queue", jid);
		}
	}

	@Test
	void storedAsWhenWhatItemArrays() {
		this.qless.put(0, "queue", "jid");
		this.qless.popOne(1, "queue", "worker");
		this.qless.complete(2, "jid", "worker", "queue");
		List<String> raw = this.qless.list("ql:j:jid-history");
		assertThat(raw).hasSize(3);
		assertThat(json(raw.get(0))).isEqualTo(json("[0, \"put\", {\"q\": \"queue\"}]"));
		assertThat(json(raw.get(1))).isEqualTo(json("[1, \"popped\", {\"worker\": \"worker\"}]"));
		assertThat(json(raw.get(2))).isEqualTo(json("[2, \"done\"]"));
	}

	@Test
	void whenIsFlooredToAnInteger() {
		this.qless.callAt("put", "5.7", "worker", "queue", "jid", "klass", "{}", 0);
		assertThat(json(this.qless.list("ql:j:jid-history").get(0)).get(0)).isEqualTo(json("5"));
		assertThat(this.qless.job("jid").get("history").get(0).get("when")).isEqualTo(json("5"));
	}

	@Test
	void whenAndWhatWinOverItemKeys() {
		this.qless.put(0, "queue", "jid");
		this.qless.call("log", 3, "jid", "note", "{\"when\": 99, \"what\": \"x\", \"extra\": 1}");
		assertThat(this.qless.job("jid").get("history").get(1))
			.isEqualTo(json("{\"when\": 3, \"what\": \"note\", \"extra\": 1}"));
	}

	@Test
	void defaultLimitIsOneHundred() {
		puts("jid", 150);
		List<Integer> whens = whens("jid");
		assertThat(whens).hasSize(100);
		assertThat(whens.get(0)).isZero();
		assertThat(whens.get(1)).isEqualTo(51);
		assertThat(whens.get(99)).isEqualTo(149);
	}

	@Test
	void limitFiveKeepsTheFirstAndTheNewestFour() {
		this.qless.config("max-job-history", 5);
		puts("jid", 100);
		assertThat(whens("jid")).containsExactly(0, 96, 97, 98, 99);
	}

	@Test
	void limitThree() {
		this.qless.config("max-job-history", 3);
		puts("jid", 10);
		assertThat(whens("jid")).containsExactly(0, 8, 9);
	}

	@Test
	void limitTwoNeverTrims() {
		this.qless.config("max-job-history", 2);
		puts("jid", 10);
		assertThat(whens("jid")).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
	}

	@Test
	void limitOneSettlesAtTwoEntries() {
		this.qless.config("max-job-history", 1);
		puts("jid", 10);
		assertThat(whens("jid")).containsExactly(0, 9);
	}

	@Test
	void zeroOrNegativeLimitTurnsTrimmingOff() {
		this.qless.config("max-job-history", 0);
		puts("a", 120);
		assertThat(whens("a")).hasSize(120);
		this.qless.config("max-job-history", -1);
		puts("b", 110);
		assertThat(whens("b")).hasSize(110);
	}

	private void seedLegacyJob() {
		this.qless.redis().hset("ql:j:jid", Map.ofEntries(Map.entry("jid", "jid"),
				Map.entry("klass", "klass"), Map.entry("state", "waiting"),
				Map.entry("queue", "queue"), Map.entry("worker", ""),
				Map.entry("priority", "0"), Map.entry("expires", "0"),
				Map.entry("retries", "5"), Map.entry("remaining", "5"),
				Map.entry("data", "{}"), Map.entry("tags", "{}"),
				Map.entry("failure", "{}"),
				Map.entry("history", "[{\"q\": \"queue\", \"put\": 10.5, \"popped\": 20.7, \"worker\": \"w\", "
						+ "\"failed\": 30.2}, {\"q\": \"other\", \"put\": 40, \"done\": 50.9}]")));
	}

	private static final String MIGRATED = """
			[{"when": 10, "what": "put", "q": "queue"}, {"when": 20, "what": "popped", "worker": "w"},
			 {"when": 30, "what": "failed"}, {"when": 40, "what": "put", "q": "other"},
			 {"when": 50, "what": "done"}]""";

	@Test
	void legacyHistoryIsMigratedOnRead() {
		seedLegacyJob();
		assertThat(this.qless.job("jid").get("history")).isEqualTo(json(MIGRATED));
		assertThat(this.qless.redis().hexists("ql:j:jid", "history")).isFalse();
		assertThat(this.qless.list("ql:j:jid-history")).hasSize(5);
		assertThat(this.qless.job("jid").get("history")).isEqualTo(json(MIGRATED));
	}

	@Test
	void legacyHistoryIsMigratedBeforeAnAppend() {
		seedLegacyJob();
		this.qless.call("log", 60, "jid", "note");
		assertThat(this.qless.redis().hexists("ql:j:jid", "history")).isFalse();
		List<String> raw = this.qless.list("ql:j:jid-history");
		assertThat(raw).hasSize(6);
		assertThat(json(raw.get(0))).isEqualTo(json("[10, \"put\", {\"q\": \"queue\"}]"));
		assertThat(json(raw.get(5)).get(1).asString()).isEqualTo("note");
	}

}
