package io.qless.dashboard.browser;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.qless.core.Job;
import io.qless.core.JobState;
import io.qless.core.QlessTemplate;
import io.qless.core.PutRequest;
import io.qless.core.QlessOperations;
import io.qless.core.ScheduleDefinition;
import io.qless.dashboard.app.DashboardTestApplication;
import io.qless.dashboard.app.Seeds;
import io.qless.schedule.ScheduleManager;
import io.qless.test.QlessRedisTest;
import io.qless.test.TestRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in headless Chromium, against the application on a random port and the test
 * Redis: every page with seeded jobs of every state, actions, a live count, sign-in and
 * authority, and escaping. Saves the README's screenshots to {@code docs/images/}.
 */
@SpringBootTest(classes = { DashboardTestApplication.class, DashboardBrowserTests.Users.class },
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "qless.dashboard.enabled=true", "qless.dashboard.refresh-interval=5s" })
@QlessRedisTest
@DirtiesContext
class DashboardBrowserTests {

	private static Browser browser;

	@LocalServerPort
	private int port;

	@Autowired
	private QlessOperations qless;

	@Autowired
	private RedisConnectionFactory connectionFactory;

	private Seeds seeds;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> TestRedis.shared().url());
	}

	@BeforeAll
	static void startBrowser() throws IOException {
		browser = Browser.start();
	}

	@AfterAll
	static void stopBrowser() throws IOException {
		if (browser != null) {
			browser.close();
		}
	}

	@BeforeEach
	void seed() {
		// leave the last test's page first, so that its live refresh does not run on
		browser.open("about:blank");
		browser.open(url("/assets/dashboard.css"));
		browser.driver.manage().deleteAllCookies();
		this.seeds = Seeds.plant(this.qless, this.connectionFactory);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + "/qless" + path;
	}

	private void signIn(String user) {
		browser.open(url("/login"));
		browser.find("#username").sendKeys(user);
		browser.find("#password").sendKeys("secret");
		browser.click("#sign-in");
		try {
			browser.waitFor((driver) -> !driver.getCurrentUrl().contains("/login"));
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			throw new AssertionError("Sign-in as " + user + " did not leave the login page: "
					+ browser.driver.getCurrentUrl() + "\n" + browser.driver.getPageSource(), ex);
		}
	}

	@Test
	void everyPageRendersTheSeededJobs() throws IOException {
		browser.open(url("/"));
		assertThat(browser.driver.getCurrentUrl()).endsWith("/qless/login");
		signIn("admin");

		workedEarlier();
		browser.open(url("/"));
		assertThat(browser.text("tr[data-queue='gnomes'] .count-waiting")).isEqualTo("1");
		assertThat(browser.text("tr[data-queue='gnomes'] .count-scheduled")).isEqualTo("2");
		assertThat(browser.text("tr[data-queue='gnomes'] .count-depends")).isEqualTo("1");
		assertThat(browser.text("tr[data-queue='gnomes'] .count-recurring")).isEqualTo("1");
		assertThat(browser.text("tr[data-queue='workshop'] .count-running")).isEqualTo("1");
		assertThat(browser.text("tr[data-queue='kiln'] .count-stalled")).isEqualTo("1");
		assertThat(browser.text("tr[data-queue='narrow'] .count-throttled")).isEqualTo("1");
		assertThat(browser.text("#failure-groups")).contains("gnomes.OutOfHats");
		assertThat(browser.text("#top-tags")).contains("north");
		browser.waitFor((driver) -> browser.text("#live-status").equals("live"));
		browser.screenshot("dashboard-overview");

		browser.open(url("/queue?name=gnomes&state=scheduled"));
		assertThat(browser.text("#queue-jobs")).contains(this.seeds.scheduled, this.seeds.evil);
		browser.open(url("/queue?name=gnomes&state=depends"));
		assertThat(browser.text("#queue-jobs")).contains(this.seeds.depends);
		browser.open(url("/queue?name=gnomes&state=recurring"));
		assertThat(browser.text("#queue-jobs")).contains("gnome-census");
		browser.open(url("/queue?name=kiln&state=stalled"));
		assertThat(browser.text("#queue-jobs")).contains(this.seeds.stalled);
		browser.open(url("/queue?name=workshop&state=running"));
		assertThat(browser.text("#queue-jobs")).contains(this.seeds.running);
		browser.open(url("/queue?name=narrow&state=throttled"));
		assertThat(browser.text("#queue-jobs")).contains(this.seeds.throttled);
		for (int i = 1; i <= 6; i++) {
			this.qless.queue("gnomes")
				.put(PutRequest.of("Gnomes::Order", Map.of("gnome", "Gnome " + i)).priority(i % 3).tags("batch-" + (i % 2)));
		}
		browser.open(url("/queue?name=gnomes"));
		assertThat(browser.text("#queue-jobs")).contains(this.seeds.waiting, "vip", "batch-1");
		browser.screenshot("dashboard-queue");

		browser.open(url("/job?jid=" + this.seeds.failed));
		assertThat(browser.text("#job-state")).isEqualTo("failed");
		assertThat(browser.text("#failure-message")).contains("Out of hats", "Hats.java:42");
		assertThat(browser.text("#job-history")).contains("put", "popped", "failed");
		browser.screenshot("dashboard-job");

		browser.open(url("/job?jid=" + this.seeds.complete));
		assertThat(browser.text("#job-state")).isEqualTo("complete");

		failInto("gnomes.BadAddressException", "No such street: 'Nowhere'\n\tat gnomes.Delivery.route(Delivery.java:17)", 3);
		failInto("failed-retries-errands", "Job exhausted retries in queue \"errands\"", 2);
		browser.open(url("/failures"));
		assertThat(browser.text("#failures")).contains("gnomes.OutOfHats", "gnomes.BadAddressException",
				"No such street", "failed-retries-errands");
		browser.screenshot("dashboard-failures");

		browser.open(url("/workers"));
		assertThat(browser.text("#workers")).contains("worker-1", "worker-old");
		browser.open(url("/throttles"));
		assertThat(browser.text("tr[data-throttle='ql:q:narrow']")).contains("narrow", "1");
		browser.open(url("/recurring"));
		assertThat(browser.text("#recurring")).contains("gnome-census", "15 min");
		browser.open(url("/search?q=" + this.seeds.waiting));
		assertThat(browser.text("h1")).contains(this.seeds.waiting);
		browser.open(url("/search?q=vip"));
		assertThat(browser.text("#tag-jobs")).contains(this.seeds.waiting);
	}

	@Test
	void schedulesAreListedPausedAndRunNow() throws IOException {
		ScheduleManager schedules = new ScheduleManager(this.qless, Clock.systemUTC());
		schedules.register(ScheduleDefinition
			.cron("gnome-report", "0 30 2 * * *", java.time.ZoneId.of("Europe/Paris"), "gnomes", "gnomes.Report"));
		schedules.register(ScheduleDefinition.interval("hat-count", Duration.ofMinutes(15), "gnomes", "gnomes.Hats"));
		signIn("admin");
		browser.open(url("/schedules"));
		assertThat(browser.text("tr[data-schedule='gnome-report'] .when")).isEqualTo("cron 0 30 2 * * * (Europe/Paris)");
		assertThat(browser.text("tr[data-schedule='hat-count'] .when")).isEqualTo("every 15 min");
		browser.click("tr[data-schedule='gnome-report'] .schedule-pause");
		browser.waitFor((driver) -> browser.text(".flash.ok").contains("gnome-report paused"));
		assertThat(browser.text("tr[data-schedule='gnome-report'] .next")).isEqualTo("paused");
		browser.click("tr[data-schedule='hat-count'] .schedule-trigger");
		browser.waitFor((driver) -> browser.text(".flash.ok").contains("hat-count triggered"));
		assertThat(this.qless.schedules().get("hat-count").triggered()).isOne();
		browser.screenshot("dashboard-schedules");
	}

	@Test
	void actionsInTheBrowserChangeRedis() {
		signIn("admin");
		browser.open(url("/job?jid=" + this.seeds.waiting));
		browser.type("#priority", "42");
		browser.click("#set-priority");
		browser.waitFor((driver) -> browser.text(".flash.ok").contains("Priority"));
		assertThat(this.qless.jobs().get(this.seeds.waiting).priority()).isEqualTo(42);

		browser.type("#new-tag", "urgent");
		browser.click("#add-tag");
		browser.waitFor((driver) -> browser.text("#job-tags").contains("urgent"));
		assertThat(this.qless.jobs().get(this.seeds.waiting).tags()).contains("urgent");

		browser.click("#track");
		browser.waitFor((driver) -> browser.text("#track").equals("Untrack"));
		assertThat(this.qless.jobs().get(this.seeds.waiting).tracked()).isTrue();

		browser.open(url("/job?jid=" + this.seeds.failed));
		browser.click("#retry");
		browser.waitFor((driver) -> browser.text(".flash.ok").contains("put into queue errands"));
		assertThat(this.qless.jobs().get(this.seeds.failed).state()).isEqualTo(JobState.WAITING);

		browser.open(url("/job?jid=" + this.seeds.scheduled));
		browser.click("#cancel");
		browser.driver.switchTo().alert().accept();
		browser.waitFor((driver) -> browser.text(".flash.ok").contains("canceled"));
		assertThat(this.qless.jobs().get(this.seeds.scheduled)).isNull();
	}

	@Test
	void moreActionsInTheBrowserChangeRedis() {
		signIn("admin");
		browser.open(url("/job?jid=" + this.seeds.waiting));
		browser.click("#job-tags button[aria-label='Remove tag vip']");
		browser.waitFor((driver) -> browser.text(".flash.ok").contains("Tag removed"));
		assertThat(this.qless.jobs().get(this.seeds.waiting).tags()).containsExactly("north");
		browser.click("#track");
		browser.waitFor((driver) -> browser.text("#track").equals("Untrack"));
		browser.click("#track");
		browser.waitFor((driver) -> browser.text("#track").equals("Track"));
		assertThat(this.qless.jobs().get(this.seeds.waiting).tracked()).isFalse();
		browser.type("#move-queue", "elsewhere");
		browser.click("#move");
		browser.waitFor((driver) -> browser.text(".flash.ok").contains("put into queue elsewhere"));
		assertThat(this.qless.jobs().get(this.seeds.waiting).queue()).isEqualTo("elsewhere");

		browser.open(url("/queue?name=gnomes"));
		browser.click("#pause");
		browser.waitFor((driver) -> browser.text("h1").contains("paused"));
		assertThat(this.qless.queue("gnomes").counts().paused()).isTrue();
		browser.click("#unpause");
		browser.waitFor((driver) -> browser.text(".flash.ok").contains("unpaused"));
		assertThat(this.qless.queue("gnomes").counts().paused()).isFalse();
		browser.type("#queue-throttle", "3");
		browser.click("#set-queue-throttle");
		browser.waitFor((driver) -> browser.text(".flash.ok").contains("set to 3"));
		assertThat(this.qless.throttles().getQueueThrottle("gnomes").maximum()).isEqualTo(3);

		browser.open(url("/throttles?id=gnome-crew"));
		browser.type("tr[data-throttle='gnome-crew'] input[name='maximum']", "4");
		browser.click("tr[data-throttle='gnome-crew'] button");
		browser.waitFor((driver) -> browser.text(".flash.ok").contains("gnome-crew set to 4"));
		assertThat(this.qless.throttles().get("gnome-crew").maximum()).isEqualTo(4);

		browser.open(url("/failures/group?group=gnomes.OutOfHats"));
		browser.click("#retry-all");
		browser.driver.switchTo().alert().accept();
		browser.waitFor((driver) -> browser.text(".flash.ok").contains("1 jobs of group gnomes.OutOfHats put into"));
		assertThat(this.qless.jobs().get(this.seeds.failed).state()).isEqualTo(JobState.WAITING);
		String again = this.qless.queue("errands").pop("worker-3", 1).get(0).jid();
		this.qless.jobs().fail(again, "worker-3", "gnomes.OutOfHats", "Out of hats again");
		browser.open(url("/failures/group?group=gnomes.OutOfHats"));
		browser.click("#cancel-all");
		browser.driver.switchTo().alert().accept();
		browser.waitFor((driver) -> browser.text(".flash.ok").contains("canceled"));
		assertThat(this.qless.jobs().get(again)).isNull();

		browser.open(url("/recurring/job?jid=gnome-census"));
		browser.type("#template-edit input[name='interval']", "600");
		browser.click("#template-save");
		browser.waitFor((driver) -> browser.text("#template-interval").equals("10 min"));
		assertThat(this.qless.recurring().get("gnome-census").interval()).hasMinutes(10);
		browser.click("#template-pause");
		browser.waitFor((driver) -> browser.text("#template-pause").equals("Resume"));
		assertThat(this.qless.recurring().get("gnome-census").tags()).contains("qless-dashboard:paused:600");
		browser.click("#template-pause");
		browser.waitFor((driver) -> browser.text("#template-pause").equals("Pause"));
		assertThat(this.qless.recurring().get("gnome-census").interval()).hasMinutes(10);
		browser.click("#template-delete");
		browser.driver.switchTo().alert().accept();
		browser.waitFor((driver) -> browser.text(".flash.ok").contains("deleted"));
		assertThat(this.qless.recurring().get("gnome-census")).isNull();
	}

	@Test
	void aCountUpdatesLiveAfterAPut() {
		signIn("admin");
		browser.open(url("/"));
		browser.waitFor((driver) -> browser.text("#live-status").equals("live"));
		assertThat(browser.text("tr[data-queue='gnomes'] .count-waiting")).isEqualTo("1");
		this.qless.queue("gnomes").put("Gnomes::Order", null);
		browser.waitFor((driver) -> browser.text("tr[data-queue='gnomes'] .count-waiting").equals("2"));
	}

	@Test
	void valuesFromRedisRenderAsText() {
		signIn("admin");
		browser.open(url("/job?jid=" + this.seeds.evil));
		assertThat(browser.text("#job-tags")).contains(Seeds.EVIL_TAG);
		assertThat(browser.text("#job-data")).contains("onerror");
		browser.open(url("/queue?name=gnomes&state=scheduled"));
		assertThat(browser.text("#queue-jobs")).contains(Seeds.EVIL_TAG, "Gnomes::<b>Evil</b>");
		browser.open(url("/tag?tag=" + java.net.URLEncoder.encode(Seeds.EVIL_TAG, java.nio.charset.StandardCharsets.UTF_8)));
		assertThat(browser.text("h1")).contains(Seeds.EVIL_TAG);
		assertThat(browser.driver.findElements(By.cssSelector("img"))).isEmpty();
		assertThat(browser.driver.executeScript("return window.xss === undefined")).isEqualTo(true);
	}

	@Test
	void aUserWithoutTheAuthorityIsRefused() {
		signIn("viewer");
		browser.open(url("/"));
		assertThat(browser.text("h1")).isEqualTo("Refused");
		assertThat(browser.text(".reason")).contains("ROLE_QLESS_ADMIN");
		Cookie session = browser.driver.manage().getCookieNamed("JSESSIONID");
		assertThat(session).isNotNull();
	}

	/**
	 * Jobs a worker completed and failed over the last hours, through the script with a clock
	 * set back, so that the throughput charts have a history.
	 */
	private void workedEarlier() {
		for (int minutesAgo = 1; minutesAgo <= 600; minutesAgo += (minutesAgo < 60) ? 1 : 17) {
			QlessTemplate then = new QlessTemplate(this.connectionFactory, JsonMapper.builder().build(),
					Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-minutesAgo)));
			int jobs = 1 + (minutesAgo * 7) % 5;
			for (int i = 0; i < jobs; i++) {
				then.queue("history").put(PutRequest.of("Gnomes::Count", Map.of()).jid("history-" + minutesAgo + "-" + i));
			}
			for (Job job : then.queue("history").pop("worker-history", jobs)) {
				if (job.jid().endsWith("-0") && minutesAgo % 4 == 0) {
					then.jobs().fail(job.jid(), "worker-history", "gnomes.Miscount", "Lost count");
				}
				else {
					then.jobs().complete(job);
				}
			}
		}
	}

	private void failInto(String group, String message, int count) {
		for (int i = 0; i < count; i++) {
			String jid = this.qless.queue("deliveries")
				.put(PutRequest.of("Gnomes::Deliver", Map.of("address", "Nowhere " + i)).tags("delivery"));
			this.qless.queue("deliveries").pop("worker-7", 1);
			this.qless.jobs().fail(jid, "worker-7", group, message);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Users {

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("admin").password("{noop}secret").roles("QLESS_ADMIN").build(),
					User.withUsername("viewer").password("{noop}secret").roles("USER").build());
		}

	}

}
