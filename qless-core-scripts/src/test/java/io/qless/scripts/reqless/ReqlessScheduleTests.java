package io.qless.scripts.reqless;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule extension in the reqless dialect: the same commands ({@code schedules.due}
 * and {@code schedules.list} for the collections), jobs and templates in the reqless shape,
 * and schedules shared with the qless dialect on one database.
 */
class ReqlessScheduleTests extends ReqlessTestSupport {

	private static final String CRON = """
			{"type":"cron","cron":"0 * * * * *","zone":"UTC","misfire":"skip","queue":"q","klass":"Report",\
			"data":"{}","priority":0,"tags":[],"throttles":["db"]}""";

	private static final String INTERVAL = """
			{"type":"interval","interval":60,"jid":"tmpl","backlog":1,"queue":"q","klass":"Sweep","data":"{}",\
			"priority":0,"tags":[],"retries":5,"throttles":[]}""";

	@Test
	void firedJobsHaveTheReqlessShape() {
		assertThat(this.reqless.call("schedule.set", 100, "s", CRON, 120)).isEqualTo("created");
		JsonNode due = this.reqless.json("schedules.due", 120);
		assertThat(due.get("due").get(0).get("name").asString()).isEqualTo("s");
		assertThat(this.reqless.json("schedule.fire", 121, "s", 120, 180, "j120").get("fired").asBoolean()).isTrue();
		JsonNode job = this.reqless.json("job.get", 121, "j120");
		assertThat(ReqlessScript.strings(job.get("throttles"))).containsExactly("db", "ql:q:q");
		assertThat(job.get("history").get(0)).isEqualTo(json("{\"when\":121,\"what\":\"put\",\"queue\":\"q\"}"));
		assertThat(this.reqless.popJids(122, "q", "w", 5)).containsExactly("j120");
		assertThat(this.reqless.json("schedules.list", 122).get("total").asLong()).isEqualTo(1);
		assertThat(this.reqless.error("schedule.list", 122)).contains("Unknown command schedule.list");
	}

	@Test
	void intervalTemplatesHaveTheReqlessShape() {
		assertThat(this.reqless.call("schedule.set", 100, "i", INTERVAL)).isEqualTo("created");
		JsonNode template = this.reqless.json("recurringJob.get", 100, "tmpl");
		assertThat(ReqlessScript.strings(template.get("throttles"))).containsExactly("ql:q:q");
		assertThat(template.get("interval").asInt()).isEqualTo(60);
		assertThat(this.reqless.popJids(100, "q", "w", 5)).containsExactly("tmpl-1");
	}

	@Test
	void bothDialectsShareTheSchedules() {
		this.reqless.qless("schedule.set", 100, "s", CRON, 120);
		assertThat(this.reqless.json("schedule.fire", 121, "s", 120, 180, "j120").get("fired").asBoolean()).isTrue();
		JsonNode late = this.reqless.qlessJson("schedule.fire", 121, "s", 120, 180, "other");
		assertThat(late.get("reason").asString()).isEqualTo("not-due");
		assertThat(this.reqless.qlessJson("schedule.get", 121, "s").get("fired").asLong()).isEqualTo(1);
	}

}
