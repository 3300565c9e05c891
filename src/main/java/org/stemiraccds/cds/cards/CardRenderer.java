package org.stemiraccds.cds.cards;

import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceIndicatorEnum;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCardJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCardSourceJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseCodingJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseLinkJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseSuggestionJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.stemiraccds.smartlaunch.SmartAppLinks;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.Severity;
import org.stemiraccds.cds.facts.FhirCodes;

/**
 * A finding as a CDS Hooks card: summary (≤ 140 characters) and markdown detail from the message bundles,
 * the rule as source.topic, the guideline's published text as source.url and as a link, override reasons on
 * warning and critical cards (not-recommended cards first offer the guideline's own exception, no other
 * treatment option) and the rule's suggestions.
 */
@Component
public class CardRenderer {
	static final int MAX_SUMMARY = 140;
	public static final String DEFAULT_GUIDELINE_URL = "https://www.ajha.or.jp/topics/admininfo/";
	private static final String NO_ALTERNATIVE = "no-alternative";
	private static final Map<Severity, CdsServiceIndicatorEnum> INDICATOR = Map.of(
			Severity.CRITICAL, CdsServiceIndicatorEnum.CRITICAL,
			Severity.WARNING, CdsServiceIndicatorEnum.WARNING,
			Severity.INFO, CdsServiceIndicatorEnum.INFO);

	private final CardTexts texts;
	private final RuleTexts ruleTexts;
	private final CardSuggestions suggestions;
	private final String guidelineUrl;
	/** The checklist app's link, when the SMART launch is on (stemirac.smart.enabled). */
	private Optional<SmartAppLinks> smartApp = Optional.empty();

	/**
	 * @param guidelineUrl where the guideline's text is published (stemirac.cds.guideline-url): by default the
	 * All Japan Hospital Association's page that carries the 2019 notices, a hospital may name its own copy
	 */
	public CardRenderer(CardTexts texts, RuleTexts ruleTexts, CardSuggestions suggestions,
			@Value("${stemirac.cds.guideline-url:" + DEFAULT_GUIDELINE_URL + "}") String guidelineUrl) {
		this.texts = texts;
		this.ruleTexts = ruleTexts;
		this.suggestions = suggestions;
		this.guidelineUrl = guidelineUrl;
	}

	@Autowired(required = false)
	void smartAppLinks(SmartAppLinks links) {
		this.smartApp = Optional.ofNullable(links);
	}

	public CdsServiceResponseCardJson render(Finding finding, CardSuggestions.Context context, Locale locale) {
		CdsServiceResponseCardJson card = new CdsServiceResponseCardJson();
		card.setUuid(UUID.randomUUID().toString());
		card.setSummary(limit(texts.summary(finding, locale)));
		card.setDetail(detail(finding, context, locale));
		card.setIndicator(INDICATOR.get(finding.severity()));
		card.setSource(new CdsServiceResponseCardSourceJson()
				.setLabel(texts.message("label.guideline", locale))
				.setUrl(guidelineUrl)
				.setTopic(coding(FhirCodes.RULE_SYSTEM, finding.ruleId(), locale)));
		card.setLinks(links(context, locale));
		if (finding.severity() != Severity.INFO) card.setOverrideReasons(overrideReasons(finding, locale));
		List<CdsServiceResponseSuggestionJson> fixes = suggestions.forFinding(finding, context, locale);
		if (!fixes.isEmpty()) {
			fixes.forEach(card::addSuggestion);
			card.setSelectionBehaviour("at-most-one");
		}
		return card;
	}

	/** The guideline's text and, with the SMART launch on, the patient's checklist app (issue 11). */
	private List<CdsServiceResponseLinkJson> links(CardSuggestions.Context context, Locale locale) {
		List<CdsServiceResponseLinkJson> links = new ArrayList<>(List.of(guidelineLink(locale)));
		smartApp.flatMap(app -> app.forPatient(context.patient(), locale)).ifPresent(links::add);
		return links;
	}

	/** CDS Hooks 2.0 § Link: an absolute link the user opens to read the guideline the card cites. */
	private CdsServiceResponseLinkJson guidelineLink(Locale locale) {
		return new CdsServiceResponseLinkJson()
				.setLabel(texts.message("link.guideline", locale))
				.setUrl(guidelineUrl)
				.setType("absolute");
	}

	private String detail(Finding finding, CardSuggestions.Context context, Locale locale) {
		StringBuilder detail = new StringBuilder(texts.detail(finding, locale));
		detail.append("\n\n**").append(texts.message("label.section", locale)).append("**: ")
				.append(texts.message("label.guideline", locale)).append(' ').append(finding.rule().definition().section());
		if (!finding.implicated().isEmpty()) {
			detail.append("\n\n**").append(texts.message("label.implicated", locale)).append("**: ")
					.append(finding.implicated().stream().map(id -> "`" + id + "`").collect(Collectors.joining(", ")));
		}
		if (!context.unreadPages().isEmpty()) {
			detail.append("\n\n**").append(texts.message("label.incomplete", locale)).append("**: ")
					.append(context.unreadPages().stream().map(url -> "`" + url + "`").collect(Collectors.joining(", ")));
		}
		return detail.toString();
	}

	private List<CdsServiceResponseCodingJson> overrideReasons(Finding finding, Locale locale) {
		boolean notRecommended = finding.rule().notRecommended();
		return ruleTexts.codes(FhirCodes.OVERRIDE_REASON_SYSTEM).stream()
				.filter(code -> notRecommended || !code.equals(NO_ALTERNATIVE))
				.map(code -> coding(FhirCodes.OVERRIDE_REASON_SYSTEM, code, locale))
				.toList();
	}

	private CdsServiceResponseCodingJson coding(String system, String code, Locale locale) {
		return new CdsServiceResponseCodingJson().setSystem(system).setCode(code)
				.setDisplay(ruleTexts.display(system, code, locale));
	}

	/** CDS Hooks 2.0's limit on a card's summary; cut at a code point, never inside a character. */
	static String limit(String summary) {
		if (summary.codePointCount(0, summary.length()) <= MAX_SUMMARY) return summary;
		return summary.substring(0, summary.offsetByCodePoints(0, MAX_SUMMARY - 1)) + "…";
	}
}
