package org.stemiraccds.cds.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;
import org.stemiraccds.audit.AuditCodes;
import org.stemiraccds.cds.facts.FhirCodes;
import org.stemiraccds.cds.feedback.CardFeedback;

/** What the AuditEvents of CDS calls and feedback count for, per rule and organisation. */
class AlertCountsTest {
	private static final String CLINIC_A = "Organization/a";
	private static final String CLINIC_B = "Organization/b";

	@Test
	void successfulCallsCountTheirRulesRefusedOnesNothing() {
		AlertCounts counts = new AlertCounts(null);
		counts.addCall(call(AuditEvent.AuditEventOutcome._0, CLINIC_A, "R1", "R2"));
		counts.addCall(call(AuditEvent.AuditEventOutcome._0, null, "R1"));
		counts.addCall(call(AuditEvent.AuditEventOutcome._4, CLINIC_A, "R1"));
		assertThat(fired(counts)).containsExactlyInAnyOrderEntriesOf(Map.of("R1", 2, "R2", 1));
	}

	@Test
	void feedbackCountsOutcomesAndReasonsAndARefusedFeedbackCallNothing() {
		AlertCounts counts = new AlertCounts(null);
		counts.addFeedback(feedback("R1", CLINIC_A, CardFeedback.OVERRIDDEN, "data-incorrect"));
		counts.addFeedback(feedback("R1", CLINIC_A, CardFeedback.OVERRIDDEN, "data-incorrect"));
		counts.addFeedback(feedback("R1", CLINIC_B, CardFeedback.OVERRIDDEN, null));
		counts.addFeedback(feedback("R1", CLINIC_B, CardFeedback.ACCEPTED, null));
		AuditEvent refusedCall = new AuditEvent().setOutcome(AuditEvent.AuditEventOutcome._4);
		refusedCall.addSubtype(AuditCodes.FEEDBACK.copy());
		counts.addFeedback(refusedCall);
		RuleAlerts r1 = counts.rules().iterator().next();
		assertThat(counts.rules()).hasSize(1);
		assertThat(r1.accepted()).isEqualTo(1);
		assertThat(r1.overridden()).isEqualTo(3);
		assertThat(r1.reasons()).containsExactly(Map.entry("data-incorrect", 2));
		assertThat(r1.overriddenWithoutReason()).isEqualTo(1);
		assertThat(r1.overrideRate()).isEqualTo(0.75);
	}

	@Test
	void anOrganisationCountsOnlyItsOwnEvents() {
		AlertCounts clinicB = new AlertCounts(CLINIC_B);
		clinicB.addCall(call(AuditEvent.AuditEventOutcome._0, CLINIC_A, "R1"));
		clinicB.addCall(call(AuditEvent.AuditEventOutcome._0, null, "R1"));
		clinicB.addCall(call(AuditEvent.AuditEventOutcome._0, CLINIC_B, "R2"));
		clinicB.addFeedback(feedback("R1", CLINIC_A, CardFeedback.OVERRIDDEN, null));
		clinicB.addFeedback(feedback("R2", CLINIC_B, CardFeedback.OVERRIDDEN, null));
		assertThat(fired(clinicB)).containsExactly(Map.entry("R2", 1));
		assertThat(clinicB.rules()).extracting(RuleAlerts::overridden).containsExactly(1);
	}

	private static Map<String, Integer> fired(AlertCounts counts) {
		return counts.rules().stream().filter(r -> r.fired() > 0).collect(Collectors.toMap(RuleAlerts::ruleId, RuleAlerts::fired));
	}

	private static AuditEvent call(AuditEvent.AuditEventOutcome outcome, String organization, String... rules) {
		AuditEvent event = new AuditEvent().setOutcome(outcome);
		event.addSubtype(AuditCodes.SERVICE_CALL.copy());
		AuditCodes.addPatient(event, "Patient/p");
		AuditEventEntityComponent call = AuditCodes.addData(event);
		AuditCodes.detail(call, "service", "stemirac-order-sign");
		for (String rule : rules) AuditCodes.detail(call, AuditCodes.RULE_DETAIL, rule);
		AuditCodes.detail(call, AuditCodes.ORGANIZATION_DETAIL, organization);
		return event;
	}

	private static AuditEvent feedback(String rule, String organization, String outcome, String reason) {
		AuditEvent event = new AuditEvent().setOutcome(AuditEvent.AuditEventOutcome._0);
		event.addSubtype(new Coding(FhirCodes.RULE_SYSTEM, rule, null));
		event.addSubtype(AuditCodes.FEEDBACK.copy());
		AuditEventEntityComponent card = event.addEntity().setName("card-uuid");
		AuditCodes.detail(card, CardFeedback.OUTCOME_DETAIL, outcome);
		AuditCodes.detail(card, AuditCodes.ORGANIZATION_DETAIL, organization);
		AuditCodes.detail(card, CardFeedback.OVERRIDE_REASON_DETAIL, reason);
		return event;
	}
}
