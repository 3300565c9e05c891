package org.stemiraccds.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium through Debian's chromedriver, headless. Missing binaries are installed by
 * scripts/test-browser.sh (apt-get, as root); elsewhere the test is skipped, except in CI (CI=true), where it fails.
 */
final class HeadlessChromium {
	static final Path CHROMIUM = Path.of("/usr/bin/chromium");
	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private HeadlessChromium() {}

	static ChromeDriver start() throws IOException {
		ensureInstalled();
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// Without the background-networking flags Chromium waits on services it cannot reach on a closed network.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--disable-dev-shm-usage", "--window-size=1400,1100",
				"--user-data-dir=" + Files.createTempDirectory("demo-chromium").toAbsolutePath());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort().build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().window().setSize(new Dimension(1400, 1100));
		return driver;
	}

	private static void ensureInstalled() {
		if (installed()) return;
		if ("root".equals(System.getProperty("user.name"))) runInstallScript();
		if (installed()) return;
		String missing = "Chromium or chromedriver missing; install them with scripts/test-browser.sh (as root)";
		if ("true".equals(System.getenv("CI"))) throw new IllegalStateException(missing);
		Assumptions.abort(missing);
	}

	private static boolean installed() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	private static void runInstallScript() {
		try {
			Process script = new ProcessBuilder("bash", "scripts/test-browser.sh")
					.redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
			script.waitFor();
		} catch (IOException e) {
			throw new IllegalStateException("scripts/test-browser.sh could not run", e);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted while installing Chromium", e);
		}
	}
}
