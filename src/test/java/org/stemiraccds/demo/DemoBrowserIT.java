package org.stemiraccds.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.stemiraccds.fhir.ServerTestBase;

/**
 * The /demo page in headless Chromium, as a clinician walks it: pick a patient (patient-view cards), draft a STEMIRAC
 * order and edit it (order-select and order-sign cards change), accept the dose suggestion (the draft changes),
 * override a card with a reason (feedback stored as an AuditEvent), launch the SMART checklist app from a card (EHR
 * launch), the outcomes panel on the trial dataset, the language switch.
 * Asserts on what the page shows; screenshots in target/screenshots/. The hooks run as of 2026-11-25 (test profile).
 */
class DemoBrowserIT extends ServerTestBase {
	private static final Path SCREENSHOTS = Path.of("target", "screenshots");
	private static final Duration WAIT = Duration.ofSeconds(30);
	private ChromeDriver browser;
	private WebDriverWait wait;

	@BeforeEach
	void openBrowser() throws IOException {
		loadDemoBundle();
		browser = HeadlessChromium.start();
		// a wait outlives elements the page re-renders when an answer comes in
		wait = new WebDriverWait(browser, WAIT);
		wait.ignoring(StaleElementReferenceException.class);
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) browser.quit();
	}

	@Test
	void walksTheDemoFromPatientViewToFeedbackOutcomesAndEnglish() throws IOException {
		loadTrialDataset();
		browser.get("http://localhost:" + port + "/demo");
		wait.until(ExpectedConditions.attributeToBe(By.id("patients"), "data-state", "ready"));
		assertThat(browser.getTitle()).isEqualTo("STEMIRAC CDS デモ EHR");
		assertThat(text("#patients")).contains("山田 太郎", "鈴木 花子", "高橋 健");

		pickPatientAndSeeTheirPatientViewCards();
		editingTheOrderChangesTheCards();
		acceptingTheDoseSuggestionChangesTheDraft();
		overridingACardStoresTheFeedback();
		aCardsSmartLinkLaunchesTheChecklistApp();
		theOutcomesPanelShowsTheTrialTables();
		theLanguageSwitchChangesLabelsAndCards();
	}

	@Test
	void theDemoPageIsServedWithItsScriptsFromTheJarAndAStrictContentSecurityPolicy() throws Exception {
		HttpResponse<String> page = HttpClient.newHttpClient().send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/demo")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<h1 id=\"title\"", "/webjars/marked/marked.min.js", "/webjars/echarts/dist/echarts.min.js")
				.doesNotContain("https://");
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(DemoPage.CONTENT_SECURITY_POLICY);
		assertThat(DemoPage.CONTENT_SECURITY_POLICY).contains("script-src 'self';", "connect-src 'self';");
		for (String script : List.of("/demo/demo.js", "/webjars/marked/marked.min.js", "/webjars/dompurify/dist/purify.min.js",
				"/webjars/papaparse/papaparse.min.js", "/webjars/echarts/dist/echarts.min.js")) {
			var answer = http.get(script, "*/*");
			assertThat(answer.status()).as(script).isEqualTo(200);
			assertThat(answer.body().length()).as(script).isGreaterThan(10_000);
		}
		assertThat(http.get("/demo/no-such-file.js", "*/*").status()).isEqualTo(404);
	}

	private void pickPatientAndSeeTheirPatientViewCards() throws IOException {
		patient("demo-contraindicated").click();
		List<WebElement> cards = cardsOf("patient-view-cards");
		assertThat(rules(cards)).contains("SAF-HYPERSENSITIVITY", "SAF-NR-MALIGNANCY");
		WebElement malignancy = card("patient-view-cards", "SAF-NR-MALIGNANCY");
		assertThat(malignancy.getAttribute("data-indicator")).isIn("warning", "critical");
		assertThat(malignancy.findElement(By.cssSelector(".indicator")).getText()).isIn("警告", "重大");
		assertThat(malignancy.findElement(By.cssSelector(".summary")).getText()).isNotBlank();
		assertThat(malignancy.findElements(By.cssSelector(".detail p, .detail li")))
				.as("the markdown detail is rendered as HTML").isNotEmpty();
		WebElement sourceLink = malignancy.findElement(By.cssSelector(".source a"));
		assertThat(sourceLink.getText()).isEqualTo("STEMIRAC 最適使用推進ガイドライン（2019）");
		assertThat(sourceLink.getAttribute("href")).isEqualTo("https://www.ajha.or.jp/topics/admininfo/");
		assertThat(malignancy.findElements(By.cssSelector(".links a"))).isNotEmpty();
		assertThat(malignancy.findElement(By.cssSelector(".override-reason")).getAttribute("textContent"))
				.as("the reasons the card offers, in its override form (shown on demand)").contains("他の治療選択肢がない");
		screenshot("1-patient-view");
	}

	private void editingTheOrderChangesTheCards() throws IOException {
		patient("demo-ais-d").click();
		cardsOf("patient-view-cards");
		assertThat(rules(cardsOf("order-select-cards"))).contains("IND-AIS-NOT-ELIGIBLE").doesNotContain("DOSE-PER-KG");
		assertThat(rules(cardsOf("order-sign-cards"))).doesNotContain("DOSE-PER-KG");

		type("dose", "2");
		WebElement dose = card("order-select-cards", "DOSE-PER-KG");
		assertThat(dose.findElement(By.cssSelector(".summary")).getText()).isEqualTo("投与量 2×10⁸ 個は体重54kgの上限 1.8×10⁸ 個を超える");
		assertThat(rules(cardsOf("order-sign-cards"))).contains("DOSE-PER-KG", "IND-AIS-NOT-ELIGIBLE");
		assertThat(draftJson()).contains("\"value\": 200000000");
		scrollTo("order-panel");
		screenshot("2-order-cards");
	}

	private void acceptingTheDoseSuggestionChangesTheDraft() {
		WebElement dose = card("order-select-cards", "DOSE-PER-KG");
		String cardUuid = dose.getAttribute("data-uuid");
		dose.findElement(By.cssSelector(".suggestion")).click();
		wait.until(ExpectedConditions.attributeToBe(By.id("dose"), "value", "1.8036"));
		cardsOf("order-select-cards");
		wait.until(driver -> !rules(cardsOf("order-select-cards")).contains("DOSE-PER-KG"));
		assertThat(rules(cardsOf("order-select-cards"))).contains("IND-AIS-NOT-ELIGIBLE");
		assertThat(rules(cardsOf("order-sign-cards"))).doesNotContain("DOSE-PER-KG");
		assertThat(draftJson()).contains("\"value\": 180360000");
		assertThat(text("#status")).isEqualTo("提案を適用し、下書きオーダーを変更しました");
		assertThat(feedbackDetails(cardUuid)).contains("outcome=accepted");
	}

	private void overridingACardStoresTheFeedback() throws IOException {
		WebElement notEligible = card("order-sign-cards", "IND-AIS-NOT-ELIGIBLE");
		String cardUuid = notEligible.getAttribute("data-uuid");
		assertThat(notEligible.findElement(By.cssSelector(".override-form")).isDisplayed()).as("shown on demand").isFalse();
		notEligible.findElement(By.cssSelector(".override-button")).click();
		assertThat(notEligible.findElement(By.cssSelector(".override-form")).isDisplayed()).isTrue();
		new Select(notEligible.findElement(By.cssSelector(".override-reason"))).selectByValue("data-incorrect");
		notEligible.findElement(By.cssSelector(".override-comment")).sendKeys("再評価でC");
		notEligible.findElement(By.cssSelector(".override-send")).click();
		wait.until(driver -> notEligible.findElement(By.cssSelector(".feedback-status")).getText().startsWith("却下を送信しました"));
		assertThat(notEligible.getAttribute("class")).contains("overridden");
		assertThat(feedbackDetails(cardUuid)).contains("outcome=overridden", "overrideReason=data-incorrect", "userComment=再評価でC");
		scrollTo("order-panel");
		screenshot("3-override");
	}

	/** SMART App Launch, EHR launch: the page registers the launch and opens the app, which gets its token and reads. */
	private void aCardsSmartLinkLaunchesTheChecklistApp() throws IOException {
		String demo = browser.getWindowHandle();
		WebElement smartLink = card("order-sign-cards", "IND-AIS-NOT-ELIGIBLE").findElement(By.cssSelector(".links a[data-type='smart']"));
		assertThat(smartLink.getText()).contains("STEMIRAC チェックリスト");
		smartLink.click();
		wait.until(driver -> driver.getWindowHandles().size() > 1);
		browser.switchTo().window("smart-app");
		wait.until(ExpectedConditions.attributeToBe(By.id("checklist"), "data-state", "ready"));
		assertThat(browser.getCurrentUrl()).as("the app's redirect page after the token exchange").doesNotContain("code=");
		assertThat(text("#patient")).isEqualTo("demo-ais-d");
		assertThat(browser.findElement(By.cssSelector("[data-rule='IND-AIS-NOT-ELIGIBLE']")).getAttribute("data-result")).isEqualTo("fired");
		assertThat(browser.findElement(By.cssSelector("[data-rule='IND-AIS-NOT-ELIGIBLE']")).getText()).contains("§5");
		assertThat(browser.findElements(By.cssSelector("[data-rule][data-result='clear']"))).isNotEmpty();
		assertThat(text("#day-count")).matches("\\d+ 日目 / day \\d+.*");
		assertThat(text("#claim-remarks")).contains("医師要件");
		screenshot("6-smart-checklist");
		browser.close();
		browser.switchTo().window(demo);
	}

	/** The outcomes operation's CSV on examples/trial/trial-bundle.json: the guideline's §3 Tables 1 and 2. */
	private void theOutcomesPanelShowsTheTrialTables() throws IOException {
		wait.until(ExpectedConditions.attributeToBe(By.id("outcomes-panel"), "data-state", "ready"));
		assertThat(text("#outcomes-table tbody tr[data-table='1'][data-baseline='A']")).contains("AIS 1 段階以上改善", "83.3", "43.7", "97.0");
		assertThat(text("#outcomes-table tbody tr[data-table='2'][data-baseline='all']")).contains("23.1", "8.2", "50.3");
		assertThat(browser.findElements(By.cssSelector("#outcomes-table tbody tr[data-table='3']"))).hasSize(16);
		assertThat(browser.findElement(By.id("outcomes-chart")).getAttribute("data-bars")).as("tables 1-2 only").isEqualTo("8");
		assertThat(browser.findElements(By.cssSelector("#outcomes-chart canvas"))).isNotEmpty();
		assertThat(browser.findElement(By.id("outcomes-message")).isDisplayed()).isFalse();
		scrollTo("outcomes-panel");
		screenshot("4-outcomes");
	}

	private void theLanguageSwitchChangesLabelsAndCards() throws IOException {
		new Select(browser.findElement(By.id("lang"))).selectByValue("en");
		wait.until(ExpectedConditions.textToBe(By.id("title"), "STEMIRAC CDS demo EHR"));
		assertThat(browser.getTitle()).isEqualTo("STEMIRAC CDS demo EHR");
		assertThat(text("#order-panel h2")).isEqualTo("STEMIRAC order (draft)");
		wait.until(driver -> card("order-sign-cards", "IND-AIS-NOT-ELIGIBLE").findElement(By.cssSelector(".summary")).getText()
				.startsWith("Latest AIS is D"));
		WebElement english = card("order-sign-cards", "IND-AIS-NOT-ELIGIBLE");
		assertThat(english.findElement(By.cssSelector(".indicator")).getText()).isIn("Warning", "Critical");
		assertThat(english.findElement(By.cssSelector(".source a")).getText()).isEqualTo("STEMIRAC Optimal Use Promotion Guideline (2019)");
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#outcomes-table thead"), "Baseline AIS"));
		assertThat(text("#outcomes-table thead")).contains("95% CI low");
		assertThat(text("#outcomes-table tbody tr[data-table='1'][data-baseline='A']")).contains("AIS improved ≥ 1 grade");
		assertThat(browser.getCurrentUrl()).endsWith("lang=en");
		assertThat(text("#patient-name")).isEqualTo("花子 鈴木");
		assertThat(text("#status")).as("no message left in the other language").isEmpty();
		screenshot("5-english");
	}

	// ---- page helpers ----

	private WebElement patient(String id) {
		return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#patients button[data-patient='" + id + "']")));
	}

	/** The cards of a hook once its latest call has answered. */
	private List<WebElement> cardsOf(String container) {
		wait.until(ExpectedConditions.attributeToBe(By.id(container), "data-state", "ready"));
		return browser.findElements(By.cssSelector("#" + container + " .card"));
	}

	private WebElement card(String container, String rule) {
		return wait.until(driver -> {
			if (!"ready".equals(driver.findElement(By.id(container)).getAttribute("data-state"))) return null;
			List<WebElement> found = driver.findElements(By.cssSelector("#" + container + " .card[data-rule='" + rule + "']"));
			return found.isEmpty() ? null : found.get(0);
		});
	}

	private static List<String> rules(List<WebElement> cards) {
		return cards.stream().map(card -> card.getAttribute("data-rule")).toList();
	}

	private String text(String selector) {
		return browser.findElement(By.cssSelector(selector)).getText();
	}

	/** The draft order as the page shows it (inside a closed details element, so not visible text). */
	private String draftJson() {
		return browser.findElement(By.id("draft-json")).getAttribute("textContent");
	}

	private void scrollTo(String id) {
		((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).scrollIntoView();", id);
	}

	private void type(String field, String value) {
		WebElement input = browser.findElement(By.id(field));
		input.clear();
		input.sendKeys(value);
	}

	/** The details of the AuditEvent the feedback on this card was stored as (read through /fhir). */
	private List<String> feedbackDetails(String cardUuid) {
		Bundle found = http.get("/fhir/AuditEvent?entity-name=" + cardUuid).resource(Bundle.class);
		assertThat(found.getEntry()).as("the feedback's AuditEvent").hasSize(1);
		AuditEvent event = (AuditEvent) found.getEntryFirstRep().getResource();
		return event.getEntity().stream().flatMap(entity -> entity.getDetail().stream())
				.map(detail -> detail.getType() + "=" + detail.getValue().primitiveValue()).toList();
	}

	private void screenshot(String name) throws IOException {
		Path file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(file, SCREENSHOTS.resolve("demo-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}
}
