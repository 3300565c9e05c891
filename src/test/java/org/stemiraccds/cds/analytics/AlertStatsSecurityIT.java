package org.stemiraccds.cds.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.security.SecuredServerTestBase;

/** With security on, $stemirac-alert-stats is for callers who may search every AuditEvent, or the admin. */
class AlertStatsSecurityIT extends SecuredServerTestBase {
	private static final String STATS = "/fhir/$stemirac-alert-stats?start=2026-01-01";

	@Test
	void auditEventSearchersAndTheAdminMayCallItOthersNot() {
		for (String scope : new String[] {"system/AuditEvent.rs", "user/*.s", "system/AuditEvent.read", "stemirac/admin"}) {
			FhirHttp.Response allowed = as(scope, null).get(STATS);
			assertThat(allowed.status()).as(scope + ": " + allowed.body()).isEqualTo(200);
			assertThat(allowed.resource(Parameters.class).getParameter("minFeedback")).as(scope).isNotNull();
		}
		for (String scope : new String[] {"user/Patient.rs", "user/AuditEvent.r", "system/Observation.rs"}) {
			FhirHttp.Response refused = as(scope, null).get(STATS);
			assertThat(refused.status()).as(scope + ": " + refused.body()).isEqualTo(403);
			assertThat(refused.outcome().getIssue()).isNotEmpty();
		}
		FhirHttp.Response patient = as("patient/*.rs", "demo-eligible").get(STATS);
		assertThat(patient.status()).as("a patient's app: " + patient.body()).isEqualTo(403);
		assertThat(http.get(STATS).status()).as("no token").isEqualTo(401);
	}

	private FhirHttp as(String scope, String patient) {
		var claims = AUTH_SERVER.claims("stats-user").claim("scope", scope);
		if (patient != null) claims.claim("patient", patient);
		return http.withBearer(AUTH_SERVER.sign(claims.build()));
	}
}
