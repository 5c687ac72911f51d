package io.qless.scripts;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code track}. */
class TrackTests extends ScriptTestSupport {

	@Test
	void validation() {
		this.qless.assertError("Track(): Arg \"jid\" missing", "track", 0, "track");
		this.qless.assertError("Track(): Job does not exist", "track", 0, "track", "jid");
		this.qless.assertError("Track(): Job does not exist", "track", 0, "untrack", "jid");
		this.qless.assertError("Track(): Job does not exist", "track", 0, "foo", "jid");
		this.qless.put(0, "queue", "jid");
		this.qless.assertError("Track(): Unknown action \"foo\"", "track", 0, "foo", "jid");
	}

	@Test
	void trackReturnsJsonOneThenZero() {
		this.qless.put(0, "queue", "jid");
		assertThat(this.qless.call("track", 5, "track", "jid")).isEqualTo("1");
		assertThat(this.qless.zscore("ql:tracked", "jid")).isEqualTo(5.0);
		assertThat(this.qless.call("track", 6, "track", "jid")).isEqualTo("0");
		assertThat(this.qless.zscore("ql:tracked", "jid")).isEqualTo(6.0);
		assertThat(this.qless.call("track", 7, "untrack", "jid")).isEqualTo("1");
		assertThat(this.qless.call("track", 7, "untrack", "jid")).isEqualTo("0");
	}

	@Test
	void actionIsCaseInsensitive() {
		this.qless.put(0, "queue", "jid");
		assertThat(this.qless.call("track", 0, "TRACK", "jid")).isEqualTo("1");
		assertThat(this.qless.call("track", 0, "UnTrack", "jid")).isEqualTo("1");
	}

	@Test
	void listingGivesFullJobsAndTheTrackedFlag() {
		this.qless.put(0, "queue", "jid");
		this.qless.call("track", 0, "track", "jid");
		assertThat(this.qless.json("track", 1)).isEqualTo(json("""
				{"jobs": [{"jid": "jid", "klass": "klass", "state": "waiting", "queue": "queue", "worker": "",
				           "tracked": true, "priority": 0, "expires": 0, "retries": 5, "remaining": 5,
				           "data": "{}", "tags": {}, "history": [{"when": 0, "what": "put", "q": "queue"}],
				           "failure": {}, "spawned_from_jid": false, "dependents": {}, "dependencies": {}}],
				 "expired": {}}"""));
		assertThat(this.qless.job("jid").get("tracked").asBoolean()).isTrue();
		this.qless.call("track", 2, "untrack", "jid");
		assertThat(this.qless.json("track", 2)).isEqualTo(json("{\"jobs\": {}, \"expired\": {}}"));
		assertThat(this.qless.job("jid").get("tracked").asBoolean()).isFalse();
	}

	@Test
	void listingIsInTrackingOrderAndListsExpiredJobs() {
		this.qless.put(0, "queue", "b");
		this.qless.put(0, "queue", "a");
		this.qless.put(0, "queue", "c");
		this.qless.call("track", 1, "track", "b");
		this.qless.call("track", 2, "track", "a");
		this.qless.call("track", 3, "track", "c");
		this.qless.call("cancel", 4, "c");
		JsonNode tracked = this.qless.json("track", 5);
		assertThat(QlessScript.jids(tracked.get("jobs"))).containsExactly("b", "a");
		assertThat(tracked.get("expired")).isEqualTo(json("[\"c\"]"));
		this.qless.assertError("Track(): Job does not exist", "track", 6, "untrack", "c");
	}

}
