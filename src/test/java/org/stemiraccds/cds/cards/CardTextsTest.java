package org.stemiraccds.cds.cards;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.rules.dose.DoseDilution;
import org.stemiraccds.guideline.rules.process.ProClaimRemarks;
import org.stemiraccds.guideline.rules.facility.FacFacilityRequirements;
import org.stemiraccds.guideline.rules.facility.FacPhysicianRequirement;
import org.stemiraccds.guideline.rules.indication.IndAisNotEligible;
import org.stemiraccds.guideline.rules.dose.DosePerKg;
import org.stemiraccds.guideline.rules.dose.DoseMissing;
import org.stemiraccds.guideline.rules.dose.DoseWeightMissing;
import org.stemiraccds.guideline.rules.process.OutFollowup;
import org.stemiraccds.guideline.rules.process.ProConsent;
import org.stemiraccds.guideline.rules.safety.SafChainOfIdentity;
import org.stemiraccds.guideline.rules.notrecommended.SafNrSpinalDisease;
import org.stemiraccds.guideline.rules.timing.TimAdminDay;
import org.stemiraccds.guideline.rules.timing.TimBmWindow;
import org.stemiraccds.guideline.Guideline;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Severity;

/** The card words: every rule in both languages, values written as a clinician reads them. */
class CardTextsTest {
	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)");
	private static final RuleTexts ruleTexts = new RuleTexts(ConformanceResources.load(FhirContext.forR4Cached()));
	private static final CardTexts texts = new CardTexts(ruleTexts, GuidelineSettings.defaults());

	@Test
	void everyRuleHasASummaryAndADetailInJapaneseAndEnglishNamingTheSameValues() {
		ResourceBundle ja = ResourceBundle.getBundle("messages/cards", Locale.JAPANESE);
		ResourceBundle en = ResourceBundle.getBundle("messages/cards", Locale.ENGLISH);
		for (GuidelineRule rule : Guideline.standard().rules()) {
			String id = rule.definition().id();
			for (String part : List.of(".summary", ".detail")) {
				assertThat(ja.containsKey(id + part)).as(id + part + " (ja)").isTrue();
				assertThat(en.containsKey(id + part)).as(id + part + " (en)").isTrue();
				assertThat(placeholders(en.getString(id + part))).as(id + part).isEqualTo(placeholders(ja.getString(id + part)));
			}
			assertThat(ja.getString(id + ".summary").replaceAll("\\$\\{[^}]*}", "")).as(id).doesNotMatch(".*[A-Za-z]{12,}.*");
		}
		assertThat(ja.keySet()).isEqualTo(en.keySet());
	}

	/** A key written twice silently keeps its last value (Properties#load): every key once per language. */
	@Test
	void noMessageIsDefinedTwice() throws java.io.IOException {
		for (String file : List.of("messages/cards_ja.properties", "messages/cards_en.properties")) {
			try (var in = CardTextsTest.class.getClassLoader().getResourceAsStream(file)) {
				List<String> keys = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
						.filter(line -> !line.isBlank() && !line.startsWith("#") && line.contains("="))
						.map(line -> line.substring(0, line.indexOf('=')).trim()).toList();
				assertThat(keys).as(file).doesNotHaveDuplicates();
			}
		}
	}

	@Test
	void valuesAreWrittenAsAClinicianReadsThem() {
		Finding perKg = new Finding(new DosePerKg(), Severity.CRITICAL,
				Map.of("cells", 2.0e8, "kg", 54.0, "limit", 1.8036e8, "cappedDose", 1.8036e8), List.of());
		assertThat(texts.summary(perKg, Locale.JAPANESE)).isEqualTo("投与量 2×10⁸ 個は体重54kgの上限 1.8×10⁸ 個を超える");
		assertThat(texts.summary(perKg, Locale.ENGLISH)).isEqualTo("Dose of 2×10⁸ cells exceeds the limit of 1.8×10⁸ cells for 54 kg");
		Finding notEligible = new Finding(new IndAisNotEligible(), Severity.CRITICAL,
				Map.of("grade", "D", "assessed", Instant.parse("2026-11-23T16:00:00Z")), List.of());
		assertThat(texts.detail(notEligible, Locale.JAPANESE)).as("a date in Asia/Tokyo").contains("2026-11-24");
		Finding physician = new Finding(new FacPhysicianRequirement(), Severity.CRITICAL,
				Map.of("trained", false, "requirementAorI", true), List.of());
		assertThat(texts.detail(physician, Locale.ENGLISH)).contains("Requirement a or i: **yes**; training: **no**");
		Finding facility = new Finding(new FacFacilityRequirements(), Severity.WARNING, Map.of("missing", List.of("1-3", "2")), List.of());
		assertThat(texts.detail(facility, Locale.JAPANESE)).doesNotContain("${").doesNotContain("1-3、2");
		Finding remarks = new Finding(new ProClaimRemarks(), Severity.INFO,
				Map.of("physicianRequirement", "req-i", "missing", List.of("firstBloodAis")), List.of());
		assertThat(texts.summary(remarks, Locale.JAPANESE)).isEqualTo("摘要欄記載事項：医師要件イ / 初回末梢血採取時AIS：？ / 投与直前AIS：？");
		assertThat(texts.detail(remarks, Locale.ENGLISH)).contains("医師要件イ", "Not recorded: AIS at first blood collection");
		Finding dilution = new Finding(new DoseDilution(), Severity.WARNING, Map.of("min", 3.0), List.of());
		assertThat(texts.summary(dilution, Locale.ENGLISH)).isEqualTo("Dilution with normal saline below 3-fold or not stated (stated: none)");
	}

	@Test
	void eachChainOfIdentityCaseHasItsOwnWords() {
		Finding other = new Finding(new SafChainOfIdentity(), Severity.CRITICAL, Map.of("reason", "lot-from-other-patient",
				"madeFrom", "Patient/x", "patient", "Patient/p"), List.of());
		Finding noLot = new Finding(new SafChainOfIdentity(), Severity.WARNING,
				Map.of("reason", "lot-not-identified", "patient", "Patient/p"), List.of());
		Finding unrecorded = new Finding(new SafChainOfIdentity(), Severity.WARNING,
				Map.of("reason", "lot-source-not-recorded", "patient", "Patient/p"), List.of());
		assertThat(texts.summary(other, Locale.ENGLISH)).contains("another patient").doesNotContain("cannot be confirmed");
		assertThat(texts.summary(noLot, Locale.ENGLISH)).contains("lot not identified");
		assertThat(texts.summary(unrecorded, Locale.JAPANESE)).contains("細胞提供者の記録がない");
		assertThat(List.of(texts.summary(other, Locale.JAPANESE), texts.summary(noLot, Locale.JAPANESE),
				texts.summary(unrecorded, Locale.JAPANESE))).doesNotHaveDuplicates();
	}

	@Test
	void consentRefusalAndMissingConsentReadDifferently() {
		Finding refused = new Finding(new ProConsent(), Severity.CRITICAL, Map.of("reason", "consent-refused"), List.of());
		Finding missing = new Finding(new ProConsent(), Severity.WARNING, Map.of("reason", "consent-not-recorded"), List.of());
		assertThat(texts.summary(refused, Locale.ENGLISH)).contains("refused");
		assertThat(texts.summary(missing, Locale.JAPANESE)).contains("記録されていない");
		assertThat(texts.detail(missing, Locale.ENGLISH)).doesNotContain("written");
		assertThat(texts.detail(missing, Locale.JAPANESE)).doesNotContain("文書");
	}

	@Test
	void aMissingCardSaysWhenTheUnitWasNotUnderstood() {
		Finding dose = new Finding(new DoseMissing(), Severity.WARNING,
				Map.of("reason", "unit-not-understood", "unreadableUnit", "mg"), List.of());
		assertThat(texts.summary(dose, Locale.ENGLISH)).contains("unit was not understood");
		assertThat(texts.detail(dose, Locale.JAPANESE)).contains("単位を解釈できない", "mg");
		Finding weight = new Finding(new DoseWeightMissing(), Severity.WARNING,
				Map.of("reason", "not-recorded", "windowDays", 30), List.of());
		assertThat(texts.summary(weight, Locale.ENGLISH)).contains("not recorded").doesNotContain("${");
	}

	@Test
	void perKgWithoutACappedDoseSaysNoDoseIsPermissible() {
		Finding perKg = new Finding(new DosePerKg(), Severity.CRITICAL,
				Map.of("cells", 0.5e8, "kg", 14.0, "limit", 4.676e7), List.of());
		assertThat(texts.detail(perKg, Locale.ENGLISH)).contains("none: at this weight even the minimum dose exceeds");
	}

	@Test
	void timingWordsNameTheLabelTargetAndTheTrialsDays() {
		Finding window = new Finding(new TimBmWindow(), Severity.WARNING,
				Map.of("day", 33L, "lastDay", 31, "trialFirstDay", 11, "trialLastDay", 25), List.of());
		assertThat(texts.detail(window, Locale.ENGLISH)).contains("label targets collection by about day 31", "days 11–25");
		Finding adminDay = new Finding(new TimAdminDay(), Severity.INFO, Map.of("day", 46L, "plannedDay", 40, "marginDays", 14,
				"plannedFirstDay", 26L, "plannedLastDay", 54L, "trialFirstDay", 43, "trialLastDay", 54, "inPlannedRange", true), List.of());
		assertThat(texts.detail(adminDay, Locale.ENGLISH)).contains("day 40 ± 14 (days 26–54", "infused on days 43–54");
		Finding followUp = new Finding(new OutFollowup(), Severity.INFO, Map.of("day", 230L, "followUpDay", 220), List.of());
		assertThat(texts.summary(followUp, Locale.ENGLISH)).contains("day 220 after injury");
		Finding spinal = new Finding(new SafNrSpinalDisease(), Severity.WARNING, Map.of("category", "nr-spinal-disease"), List.of());
		assertThat(texts.detail(spinal, Locale.ENGLISH)).contains("severe spinal or spinal-cord disease (e.g. osteoporosis");
	}

	@Test
	void claimRemarksAreTheInsuranceNoticesJapaneseWithWhatIsMissing() {
		Finding remarks = new Finding(new ProClaimRemarks(), Severity.INFO, Map.of("physicianRequirement", "req-a",
				"firstBloodAis", "A", "missing", List.of("preAdministrationAis")), List.of());
		assertThat(new DetectedIssueRenderer(ruleTexts, texts).claimRemarks(List.of(remarks)))
				.isEqualTo("医師要件ア\n初回末梢血採取時AIS：A\n未記録：投与直前AIS");
	}

	@Test
	void numbers() {
		assertThat(CardTexts.number(2.5e8)).isEqualTo("2.5×10⁸");
		assertThat(CardTexts.number(5.0e7)).isEqualTo("5×10⁷");
		assertThat(CardTexts.number(3.34e6)).isEqualTo("3.34×10⁶");
		assertThat(CardTexts.number(60.0)).isEqualTo("60");
		assertThat(CardTexts.number(0.75)).isEqualTo("0.75");
		assertThat(CardTexts.number(14.9700598)).isEqualTo("14.97");
	}

	@Test
	void summariesAreCutAt140Characters() {
		String longer = "あ".repeat(150);
		assertThat(CardRenderer.limit(longer)).hasSize(140).endsWith("…");
		assertThat(CardRenderer.limit("short")).isEqualTo("short");
		String emoji = "😀".repeat(150);
		assertThat(CardRenderer.limit(emoji).codePointCount(0, CardRenderer.limit(emoji).length())).isEqualTo(140);
	}

	private static Set<String> placeholders(String template) {
		Set<String> names = new TreeSet<>();
		Matcher m = PLACEHOLDER.matcher(template);
		while (m.find()) names.add(m.group(1));
		return names;
	}
}
