package io.qless.dashboard.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by Selenium, with Debian's {@code chromium} and
 * {@code chromium-driver} (never a downloaded browser): {@code .ci/run} installs them. Where
 * neither binary exists the browser tests are skipped, loudly.
 */
final class Browser implements AutoCloseable {

	static final Duration WAIT = Duration.ofSeconds(30);

	private static final String CHROMIUM = System.getProperty("qless.test.chromium", "/usr/bin/chromium");

	private static final String CHROMEDRIVER = System.getProperty("qless.test.chromedriver", "/usr/bin/chromedriver");

	final ChromeDriver driver;

	private final Path profile;

	private Browser(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	static Browser start() throws IOException {
		boolean available = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
		if (!available) {
			String message = "BROWSER TESTS SKIPPED: " + CHROMIUM + " or " + CHROMEDRIVER
					+ " is missing. Install Debian's chromium and chromium-driver (.ci/run does).";
			System.err.println("\n*****\n***** " + message + "\n*****\n");
			Assumptions.abort(message);
		}
		Path profile = Files.createTempDirectory("qless-dashboard-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + profile, "--window-size=1400,1000", "--lang=en-US");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
		driver.manage().window().setSize(new Dimension(1400, 1000));
		return new Browser(driver, profile);
	}

	void open(String url) {
		this.driver.get(url);
	}

	WebElement find(String css) {
		return waitFor((driver) -> driver.findElement(By.cssSelector(css)));
	}

	/**
	 * Replace the text of an input, found again if a live refresh replaced it first (a
	 * live refresh leaves alone the region that holds the focused input).
	 */
	void type(String css, String text) {
		waitFor((driver) -> {
			WebElement input = driver.findElement(By.cssSelector(css));
			input.clear();
			input.sendKeys(text);
			return text.equals(input.getDomProperty("value"));
		});
	}

	/**
	 * Click the element, found again if a live refresh replaced it before the click.
	 */
	void click(String css) {
		waitFor((driver) -> {
			driver.findElement(By.cssSelector(css)).click();
			return true;
		});
	}

	String text(String css) {
		// found and read in one script: a live refresh may replace the element in between
		return waitFor((driver) -> (String) this.driver.executeScript(
				"var e = document.querySelector(arguments[0]); return e ? e.innerText.trim() : null;", css));
	}

	<T> T waitFor(Function<WebDriver, T> condition) {
		try {
			return new WebDriverWait(this.driver, WAIT).ignoring(org.openqa.selenium.NoSuchElementException.class)
				.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
				.until(condition::apply);
		}
		catch (org.openqa.selenium.TimeoutException ex) {
			String page;
			try {
				page = this.driver.getCurrentUrl() + "\n" + this.driver.findElement(By.tagName("body")).getText();
			}
			catch (RuntimeException unreadable) {
				page = "(page unreadable: " + unreadable.getMessage() + ")";
			}
			throw new AssertionError("Waited " + WAIT + " in vain; the page was " + page, ex);
		}
	}

	void screenshot(String name) throws IOException {
		Path images = Path.of(System.getProperty("user.dir")).getParent().resolve("docs").resolve("images");
		Files.createDirectories(images);
		byte[] png = this.driver.getScreenshotAs(OutputType.BYTES);
		Files.write(images.resolve(name + ".png"), png);
	}

	@Override
	public void close() throws IOException {
		try {
			this.driver.quit();
		}
		finally {
			org.springframework.util.FileSystemUtils.deleteRecursively(this.profile);
		}
	}

}
