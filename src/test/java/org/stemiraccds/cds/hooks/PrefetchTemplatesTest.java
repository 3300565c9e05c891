package org.stemiraccds.cds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestContextJson;
import org.junit.jupiter.api.Test;

/** CDS Hooks 2.0 prefetch tokens, {{context.*}} and those derived from context.userId. */
class PrefetchTemplatesTest {
	private static final FhirContext R4 = FhirContext.forR4Cached();

	@Test
	void userTokensAreTheIdOfContextUserIdByItsType() {
		assertThat(PrefetchTemplates.userTokens("PractitionerRole/{{userPractitionerRoleId}}", "PractitionerRole/123"))
				.hasValue("PractitionerRole/123");
		assertThat(PrefetchTemplates.userTokens("Practitioner/{{userPractitionerId}}", "Practitioner/dr-1")).hasValue("Practitioner/dr-1");
		assertThat(PrefetchTemplates.userTokens("Patient/{{userPatientId}}", "Patient/p")).hasValue("Patient/p");
		assertThat(PrefetchTemplates.userTokens("RelatedPerson/{{userRelatedPersonId}}", "RelatedPerson/r")).hasValue("RelatedPerson/r");
	}

	@Test
	void aTokenTheUserCannotFillLeavesTheTemplateOut() {
		assertThat(PrefetchTemplates.userTokens("PractitionerRole/{{userPractitionerRoleId}}", "Practitioner/dr-1")).isEmpty();
		assertThat(PrefetchTemplates.userTokens("PractitionerRole/{{userPractitionerRoleId}}", "PractitionerRole")).isEmpty();
		assertThat(PrefetchTemplates.userTokens("PractitionerRole/{{userPractitionerRoleId}}", null)).isEmpty();
	}

	@Test
	void everyTemplateIsFilledForAPractitionerRoleButThePractitionerOne() {
		CdsServiceRequestContextJson context = new CdsServiceRequestContextJson();
		context.put("patientId", "p-1");
		context.put("userId", "PractitionerRole/role-1");
		assertThat(PrefetchTemplates.url(PrefetchTemplates.TEMPLATES.get("patient"), context, R4)).hasValue("Patient/p-1");
		assertThat(PrefetchTemplates.url(PrefetchTemplates.TEMPLATES.get("consents"), context, R4)).hasValue("Consent?patient=p-1");
		assertThat(PrefetchTemplates.url(PrefetchTemplates.TEMPLATES.get("userRole"), context, R4)).hasValue("PractitionerRole/role-1");
		assertThat(PrefetchTemplates.url(PrefetchTemplates.TEMPLATES.get("userPractitioner"), context, R4)).isEmpty();
		assertThat(PrefetchTemplates.url("Encounter/{{context.encounterId}}", context, R4)).as("a context field not sent").isEmpty();
	}
}
