package io.qless.scripts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tag}. */
class TagTests extends ScriptTestSupport {

	@Test
	void validation() {
		this.qless.assertError("Tag(): Arg \"command\" must be \"add\", \"remove\", \"get\" or \"top\"", "tag", 0);
		this.qless.assertError("Tag(): First argument must be \"add\", \"remove\" or \"get\"", "tag", 0, "foo");
		this.qless.assertError("Tag(): Arg \"jid\" missing", "tag", 0, "add");
		this.qless.assertError("Tag(): Job jid does not exist", "tag", 0, "add", "jid", "a");
		this.qless.assertError("Tag(): Arg \"jid\" missing", "tag", 0, "remove");
		this.qless.assertError("Tag(): Job jid does not exist", "tag", 0, "remove", "jid", "a");
		this.qless.assertError("Tag(): Arg \"tag\" missing", "tag", 0, "get");
		this.qless.assertError("Tag(): Arg \"offset\" not a number: x", "tag", 0, "get", "a", "x");
		this.qless.assertError("Tag(): Arg \"count\" not a number: x", "tag", 0, "get", "a", 0, "x");
		this.qless.assertError("Tag(): Arg \"offset\" not a number: x", "tag", 0, "top", "x");
		this.qless.assertError("Tag(): Arg \"count\" not a number: x", "tag", 0, "top", 0, "x");
	}

	@Test
	void addReturnsTheTagsAndIndexesTheJob() {
		this.qless.put(0, "queue", "jid");
		assertThat(this.qless.json("tag", 5, "add", "jid", "a", "b")).isEqualTo(json("[\"a\",\"b\"]"));
		assertThat(this.qless.job("jid").get("tags")).isEqualTo(json("[\"a\",\"b\"]"));
		assertThat(this.qless.redis().hget("ql:j:jid", "tags")).isEqualTo("[\"a\",\"b\"]");
		assertThat(this.qless.zscore("ql:t:a", "jid")).isEqualTo(5.0);
		assertThat(this.qless.zscore("ql:tags", "a")).isEqualTo(1.0);
		assertThat(this.qless.json("tag", 5, "get", "a")).isEqualTo(json("{\"total\": 1, \"jobs\": [\"jid\"]}"));
	}

	@Test
	void removeReturnsTheRemainingTags() {
		this.qless.put(0, "queue", "jid", "tags", "[\"a\",\"b\",\"c\"]");
		assertThat(this.qless.json("tag", 1, "remove", "jid", "b")).isEqualTo(json("[\"a\",\"c\"]"));
		assertThat(this.qless.zscore("ql:t:b", "jid")).isNull();
		assertThat(this.qless.zscore("ql:tags", "b")).isEqualTo(0.0);
		assertThat(this.qless.call("tag", 1, "remove", "jid", "a", "c")).isEqualTo("{}");
		assertThat(this.qless.job("jid").get("tags")).isEqualTo(json("{}"));
	}

	@Test
	void addingAnExistingTagDoesNotDuplicateItButCountsAgain() {
		this.qless.put(0, "queue", "jid", "tags", "[\"a\"]");
		assertThat(this.qless.json("tag", 1, "add", "jid", "a")).isEqualTo(json("[\"a\"]"));
		assertThat(this.qless.zscore("ql:tags", "a")).isEqualTo(2.0);
		assertThat(this.qless.zscore("ql:t:a", "jid")).isEqualTo(1.0);
	}

	@Test
	void sameTagThreeTimesGivesOneEntry() {
		this.qless.put(0, "queue", "jid");
		assertThat(this.qless.json("tag", 1, "add", "jid", "a", "a", "a")).isEqualTo(json("[\"a\"]"));
		assertThat(this.qless.zscore("ql:tags", "a")).isEqualTo(3.0);
	}

	@Test
	void removingAMissingTagIsHarmlessButDriftsTheCount() {
		this.qless.put(0, "queue", "jid", "tags", "[\"a\"]");
		assertThat(this.qless.json("tag", 1, "remove", "jid", "zzz")).isEqualTo(json("[\"a\"]"));
		assertThat(this.qless.zscore("ql:tags", "zzz")).isEqualTo(-1.0);
	}

	@Test
	void tagOrderIsPreserved() {
		this.qless.put(0, "queue", "jid", "tags", "[\"c\",\"a\"]");
		this.qless.call("tag", 1, "add", "jid", "b", "a", "d");
		this.qless.call("tag", 1, "remove", "jid", "a");
		assertThat(this.qless.job("jid").get("tags")).isEqualTo(json("[\"c\",\"b\",\"d\"]"));
	}

	@Test
	void getListsOldestTaggingFirstTiesLexicographicWithPagination() {
		this.qless.put(0, "queue", "b", "tags", "[\"t\"]");
		this.qless.put(0, "queue", "a", "tags", "[\"t\"]");
		this.qless.put(1, "queue", "c", "tags", "[\"t\"]");
		assertThat(this.qless.json("tag", 2, "get", "t")).isEqualTo(json("{\"total\": 3, \"jobs\": [\"a\",\"b\",\"c\"]}"));
		assertThat(this.qless.json("tag", 2, "get", "t", 1, 1)).isEqualTo(json("{\"total\": 3, \"jobs\": [\"b\"]}"));
		assertThat(this.qless.json("tag", 2, "get", "none")).isEqualTo(json("{\"total\": 0, \"jobs\": {}}"));
	}

	@Test
	void cancelAndExpiryRemoveTheJobFromTheIndex() {
		this.qless.put(0, "queue", "jid", "tags", "[\"t\"]");
		this.qless.call("cancel", 1, "jid");
		assertThat(this.qless.json("tag", 1, "get", "t").get("total").asInt()).isZero();
		this.qless.config("jobs-history", -1);
		this.qless.put(2, "queue", "jid2", "tags", "[\"t\"]");
		this.qless.popOne(2, "queue", "worker");
		this.qless.complete(3, "jid2", "worker", "queue");
		assertThat(this.qless.json("tag", 3, "get", "t").get("total").asInt()).isZero();
	}

	@Test
	void expiryByCountRemovesTheTag() {
		this.qless.config("jobs-history-count", 1);
		for (int i = 0; i < 2; i++) {
			this.qless.put(i, "queue", "jid" + i, "tags", "[\"t\"]");
			this.qless.popOne(i, "queue", "worker");
			this.qless.complete(i, "jid" + i, "worker", "queue");
		}
		assertThat(this.qless.json("tag", 2, "get", "t")).isEqualTo(json("{\"total\": 1, \"jobs\": [\"jid1\"]}"));
	}

	@Test
	void topListsTagsUsedAtLeastTwiceMostUsedFirst() {
		for (int i = 1; i <= 9; i++) {
			for (int j = 0; j < i; j++) {
				this.qless.put(0, "queue", "jid" + i + "-" + j, "tags", "[\"t" + i + "\"]");
			}
		}
		assertThat(this.qless.json("tag", 0, "top")).isEqualTo(json("[\"t9\",\"t8\",\"t7\",\"t6\",\"t5\",\"t4\",\"t3\",\"t2\"]"));
		assertThat(this.qless.json("tag", 0, "top", 1, 2)).isEqualTo(json("[\"t8\",\"t7\"]"));
	}

	@Test
	void topIsAnEmptyObjectWhenNoTagIsPopular() {
		this.qless.put(0, "queue", "jid", "tags", "[\"a\"]");
		assertThat(this.qless.call("tag", 0, "top")).isEqualTo("{}");
	}

	@Test
	void recurringChildrenAreTagged() {
		this.qless.call("recur", 0, "queue", "r", "klass", "{}", "interval", 60, 0, "tags", "[\"t\"]");
		this.qless.peek(0, "queue", 1);
		assertThat(this.qless.json("tag", 0, "get", "t")).isEqualTo(json("{\"total\": 1, \"jobs\": [\"r-1\"]}"));
	}

	@Test
	void getDefaultsToTwentyFive() {
		for (int i = 0; i < 30; i++) {
			this.qless.put(i, "queue", "jid" + i, "tags", "[\"t\"]");
		}
		assertThat(this.qless.json("tag", 30, "get", "t").get("jobs").size()).isEqualTo(25);
		assertThat(this.qless.json("tag", 30, "get", "t").get("total").asInt()).isEqualTo(30);
	}

}
