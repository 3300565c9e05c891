package org.stemiraccds.cds.cards;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.guideline.rules.process.ProClaimRemarks;
import org.stemiraccds.cds.facts.FhirCodes;

/** A finding as the DetectedIssue of the stemirac-detected-issue profile; the claim remarks as text. */
@Component
public class DetectedIssueRenderer {
	static final String PROFILE = ConformanceResources.PROFILE_BASE + "stemirac-detected-issue";
	private static final Map<Severity, DetectedIssue.DetectedIssueSeverity> SEVERITY = Map.of(
			Severity.CRITICAL, DetectedIssue.DetectedIssueSeverity.HIGH,
			Severity.WARNING, DetectedIssue.DetectedIssueSeverity.MODERATE,
			Severity.INFO, DetectedIssue.DetectedIssueSeverity.LOW);

	private final RuleTexts texts;
	private final CardTexts cardTexts;

	public DetectedIssueRenderer(RuleTexts texts, CardTexts cardTexts) {
		this.texts = texts;
		this.cardTexts = cardTexts;
	}

	public DetectedIssue render(Finding finding, String patientId, Instant now, Locale locale) {
		DetectedIssue issue = new DetectedIssue();
		issue.getMeta().addProfile(PROFILE);
		issue.setStatus(DetectedIssue.DetectedIssueStatus.FINAL);
		String name = texts.display(FhirCodes.RULE_SYSTEM, finding.ruleId(), locale);
		issue.setCode(new CodeableConcept(new Coding(FhirCodes.RULE_SYSTEM, finding.ruleId(), name)));
		issue.setSeverity(SEVERITY.get(finding.severity()));
		issue.setPatient(new Reference(patientId));
		issue.setIdentified(new org.hl7.fhir.r4.model.DateTimeType(Date.from(now)));
		finding.implicated().forEach(id -> issue.addImplicated(new Reference(id)));
		issue.setDetail(cardTexts.summary(finding, locale) + "\n\n" + cardTexts.detail(finding, locale));
		return issue;
	}

	/**
	 * The claim's remarks (摘要欄) from PRO-CLAIM-REMARKS, in the insurance notice's own wording, which is
	 * Japanese whatever the request's language: 「医師要件ア」, 「初回末梢血採取時AIS：A」, 「投与直前AIS：B」.
	 */
	public String claimRemarks(List<Finding> findings) {
		return findings.stream().filter(f -> f.rule() instanceof ProClaimRemarks).findFirst().map(f -> {
			List<String> lines = new ArrayList<>();
			Object requirement = f.values().get("physicianRequirement");
			if (requirement != null) {
				lines.add(texts.display(FhirCodes.PHYSICIAN_REQUIREMENT_SYSTEM, requirement.toString(), Locale.JAPANESE));
			}
			for (String value : List.of("firstBloodAis", "preAdministrationAis")) {
				if (f.values().get(value) != null) lines.add(cardTexts.message("claim." + value, Locale.JAPANESE, f.values()));
			}
			if (f.values().get("missing") instanceof List<?> missing && !missing.isEmpty()) {
				lines.add(cardTexts.message("claim.missing", Locale.JAPANESE, f.values()));
			}
			return String.join("\n", lines);
		}).orElse("");
	}
}
