package io.qless.endpoint;

import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.qless.core.QlessTemplate;
import io.qless.core.ScheduleDefinition;
import io.qless.core.ScheduleInfo;
import io.qless.core.SchedulePage;
import io.qless.schedule.ScheduleManager;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import io.qless.test.TestRedisConnections;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code schedules} section of the {@link QlessEndpoint}: listing with last and next
 * fire times, data shown as job data is, and the pause, resume, trigger and delete actions.
 */
@QlessRedisTest
class QlessEndpointScheduleTests {

	private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

	private LettuceConnectionFactory connectionFactory;

	private QlessTemplate qless;

	private QlessEndpoint endpoint;

	@BeforeEach
	void setUp(TestRedis redis) {
		this.connectionFactory = TestRedisConnections.lettuce(redis);
		Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
		this.qless = new QlessTemplate(this.connectionFactory, JsonMapper.builder().build(), clock);
		ScheduleManager manager = new ScheduleManager(this.qless, clock);
		manager.register(ScheduleDefinition.cron("nightly", "0 30 2 * * *", ZoneId.of("Europe/Paris"), "reports",
				"Reports::Build")
			.data("{\"secret\":1}"));
		manager.register(ScheduleDefinition.interval("sweep", Duration.ofMinutes(5), "sweep", "Sweep"));
		this.endpoint = new QlessEndpoint(this.qless, List::of, null, manager, Show.NEVER);
	}

	@AfterEach
	void tearDown() {
		this.connectionFactory.destroy();
	}

	@Test
	void listsSchedulesWithTheirFireTimesAndHiddenData() {
		SchedulePage page = (SchedulePage) this.endpoint.section("schedules");
		assertThat(page.total()).isEqualTo(2);
		assertThat(page.schedules()).extracting(ScheduleInfo::name).containsExactly("nightly", "sweep");
		ScheduleInfo nightly = page.schedules().get(0);
		assertThat(nightly.next()).isEqualTo(Instant.parse("2026-01-06T01:30:00Z"));
		assertThat(nightly.definition().data()).isEqualTo(QlessEndpoint.HIDDEN);
		assertThat(page.schedules().get(1).next()).isEqualTo(NOW);
		ScheduleInfo shown = (ScheduleInfo) this.endpoint.item("schedules", "nightly", null, null, null, true);
		assertThat(shown.definition().data()).isEqualTo("{\"secret\":1}");
		assertThat(this.endpoint.item("schedules", "nope", null, null, null)).isNull();
	}

	@Test
	void pauseResumeTriggerAndDelete() {
		Map<String, Object> paused = this.endpoint.act("schedules", "nightly", "pause", null, null, null, null, null);
		assertThat(paused).containsEntry("schedule", "nightly").containsEntry("paused", true);
		Map<String, Object> resumed = this.endpoint.act("schedules", "nightly", "resume", null, null, null, null,
				null);
		assertThat(resumed).containsEntry("paused", false)
			.containsEntry("next", Instant.parse("2026-01-06T01:30:00Z"));
		Map<String, Object> triggered = this.endpoint.act("schedules", "sweep", "trigger", null, null, null, null,
				null);
		String jid = (String) triggered.get("jid");
		assertThat(this.qless.jobs().get(jid).klass()).isEqualTo("Sweep");
		assertThat(this.endpoint.act("schedules", "sweep", "delete", null, null, null, null, null))
			.containsEntry("action", "delete");
		assertThat(this.qless.schedules().get("sweep")).isNull();
		assertThatExceptionOfType(QlessEndpoint.UnknownItemException.class)
			.isThrownBy(() -> this.endpoint.act("schedules", "sweep", "pause", null, null, null, null, null));
		assertThatExceptionOfType(InvalidEndpointRequestException.class)
			.isThrownBy(() -> this.endpoint.act("schedules", "nightly", "explode", null, null, null, null, null));
	}

	@Test
	void webExtensionHidesDataFromTheUnauthorizedAndAnswers404() {
		QlessEndpointWebExtension web = new QlessEndpointWebExtension(this.endpoint, Show.WHEN_AUTHORIZED,
				Set.of("ADMIN"));
		WebEndpointResponse<Object> anonymous = web.section(SecurityContext.NONE, "schedules");
		assertThat(anonymous.getStatus()).isEqualTo(200);
		assertThat(((SchedulePage) anonymous.getBody()).schedules().get(0).definition().data())
			.isEqualTo(QlessEndpoint.HIDDEN);
		SecurityContext admin = new SecurityContext() {

			@Override
			public Principal getPrincipal() {
				return () -> "ops";
			}

			@Override
			public boolean isUserInRole(String role) {
				return "ADMIN".equals(role);
			}

		};
		assertThat(((SchedulePage) web.section(admin, "schedules").getBody()).schedules().get(0).definition().data())
			.isEqualTo("{\"secret\":1}");
		WebEndpointResponse<Object> missing = web.item(SecurityContext.NONE, "schedules", "nope", null, null, null);
		assertThat(missing.getStatus()).isEqualTo(404);
		assertThat(missing.getBody()).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("error", "No schedule 'nope'");
		assertThat(web.act("schedules", "nope", "trigger", null, null, null, null, null).getStatus()).isEqualTo(404);
		assertThat(web.section(SecurityContext.NONE, "bogus").getStatus()).isEqualTo(400);
	}

	@Test
	void withoutAScheduleManagerTheSectionIsNotFound() {
		QlessEndpoint without = new QlessEndpoint(this.qless, List::of, null, Show.NEVER);
		assertThatExceptionOfType(QlessEndpoint.UnknownItemException.class)
			.isThrownBy(() -> without.section("schedules"));
	}

}
