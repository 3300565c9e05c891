package org.stemiraccds.cds.analytics;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityDetailComponent;
import org.hl7.fhir.r4.model.Coding;
import org.stemiraccds.audit.AuditCodes;
import org.stemiraccds.cds.facts.FhirCodes;
import org.stemiraccds.cds.feedback.CardFeedback;

/**
 * Per rule, what the AuditEvents of CDS calls and feedback say: a successful call's entity lists the rule of each
 * card it issued ("fired"); a feedback event names the card's rule as a subtype and the outcome and override
 * reason as details. Events of another organisation than the one asked for (when one is) are left out; so is
 * anything that is neither (a refused call or feedback request issued nothing).
 */
final class AlertCounts {
	private final String organization;
	private final Map<String, RuleAlerts> rules = new LinkedHashMap<>();

	/** organization: "Organization/id" to count only its events, or null for all. */
	AlertCounts(String organization) {
		this.organization = organization;
	}

	void addCall(AuditEvent call) {
		if (call.getOutcome() != AuditEvent.AuditEventOutcome._0) return;
		for (AuditEventEntityComponent entity : call.getEntity()) {
			if (!ofOrganization(entity)) continue;
			details(entity, AuditCodes.RULE_DETAIL).forEach(rule -> rule(rule).countFired());
		}
	}

	void addFeedback(AuditEvent feedback) {
		if (feedback.getOutcome() != AuditEvent.AuditEventOutcome._0) return;
		Optional<String> rule = feedback.getSubtype().stream()
				.filter(s -> FhirCodes.RULE_SYSTEM.equals(s.getSystem()) && s.hasCode()).map(Coding::getCode).findFirst();
		if (rule.isEmpty()) return;
		for (AuditEventEntityComponent entity : feedback.getEntity()) {
			List<String> outcome = details(entity, CardFeedback.OUTCOME_DETAIL);
			if (outcome.isEmpty() || !ofOrganization(entity)) continue;
			if (outcome.contains(CardFeedback.ACCEPTED)) rule(rule.get()).countAccepted();
			if (outcome.contains(CardFeedback.OVERRIDDEN)) {
				rule(rule.get()).countOverridden(details(entity, CardFeedback.OVERRIDE_REASON_DETAIL).stream().findFirst().orElse(null));
			}
		}
	}

	Collection<RuleAlerts> rules() {
		return rules.values();
	}

	private boolean ofOrganization(AuditEventEntityComponent entity) {
		return organization == null || details(entity, AuditCodes.ORGANIZATION_DETAIL).contains(organization);
	}

	private RuleAlerts rule(String ruleId) {
		return rules.computeIfAbsent(ruleId, RuleAlerts::new);
	}

	private static List<String> details(AuditEventEntityComponent entity, String type) {
		return entity.getDetail().stream()
				.filter(d -> type.equals(d.getType()) && d.hasValue())
				.map(AuditEventEntityDetailComponent::getValue)
				.map(v -> v.primitiveValue())
				.filter(v -> v != null && !v.isBlank())
				.toList();
	}
}
