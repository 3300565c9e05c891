package org.stemiraccds.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.StringParam;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.stemiraccds.cds.CdsClient;
import org.stemiraccds.fhir.FhirHttp;
import org.stemiraccds.security.SecuredServerTestBase;

/**
 * Security on: the AuditEvents of a CDS Hooks call and its feedback name the EHR that called, as its JWT
 * says (iss, sub), and a refused call (401) leaves none. Read through the DAO: the FHIR API's own tokens are
 * another part of issue 8.
 */
class AuditCallerIT extends SecuredServerTestBase {
	private static final String VIEW = "stemirac-patient-view";
	@Autowired
	private IFhirResourceDao<AuditEvent> auditEvents;
	@Autowired
	private AuditTrail trail;

	@BeforeEach
	void demoPatients() {
		loadDemoPatients();
	}

	@Test
	void aCdsCallAndItsFeedbackNameTheEhrFromItsToken() throws Exception {
		ObjectNode request = CdsClient.request("patient-view", "demo-contraindicated");
		String hookInstance = request.path("hookInstance").asText();
		FhirHttp.Response call = post("/" + VIEW, request.toString());
		assertThat(call.status()).as(call.body()).isEqualTo(200);
		String card = CdsClient.JSON.readTree(call.body()).path("cards").get(0).path("uuid").asText();
		ObjectNode feedback = CdsClient.JSON.createObjectNode();
		feedback.putArray("feedback").addObject().put("card", card).put("outcome", "overridden")
				.put("outcomeTimestamp", "2026-11-25T10:05:00+09:00");
		assertThat(post("/" + VIEW + "/feedback", feedback.toString()).status()).isEqualTo(200);
		assertThat(trail.awaitIdle(Duration.ofSeconds(30))).isTrue();

		AuditEvent callEvent = single(named(hookInstance));
		assertThat(callEvent.getSubtypeFirstRep().getCode()).isEqualTo("service-call");
		assertNamesTheEhr(callEvent);
		assertNamesTheEhr(single(named(card)));
	}

	@Test
	void aRefusedCallLeavesNoEvent() {
		ObjectNode request = CdsClient.request("patient-view", "demo-contraindicated");
		FhirHttp.Response refused = http.withBearer("not-a-jwt").post("/cds-services/" + VIEW, request.toString(),
				"application/json");
		assertThat(refused.status()).isEqualTo(401);
		assertThat(trail.awaitIdle(Duration.ofSeconds(30))).isTrue();
		assertThat(named(request.path("hookInstance").asText())).isEmpty();
	}

	private FhirHttp.Response post(String path, String body) {
		String token = cdsToken(EHR, cdsUrl(path));
		return http.withBearer(token).post("/cds-services" + path, body, "application/json");
	}

	private List<AuditEvent> named(String entityName) {
		return auditEvents.search(SearchParameterMap.newSynchronous("entity-name", new StringParam(entityName, true)),
				new SystemRequestDetails()).getAllResources().stream().map(AuditEvent.class::cast).toList();
	}

	private static AuditEvent single(List<AuditEvent> events) {
		assertThat(events).hasSize(1);
		return events.get(0);
	}

	private static void assertNamesTheEhr(AuditEvent event) {
		AuditEventAgentComponent requestor = event.getAgent().stream().filter(AuditEventAgentComponent::getRequestor)
				.findFirst().orElseThrow();
		assertThat(requestor.getName()).isEqualTo("ehr-client");
		assertThat(requestor.getAltId()).isEqualTo(EHR.issuer());
		assertThat(requestor.getWho().getIdentifier().getSystem()).isEqualTo(EHR.issuer());
		assertThat(requestor.getWho().getIdentifier().getValue()).isEqualTo("ehr-client");
	}

}
