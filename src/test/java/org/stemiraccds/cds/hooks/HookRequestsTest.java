package org.stemiraccds.cds.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.Test;

/**
 * The hook request's resources are built by HAPI's parser straight from the body's JSON tree: FHIR decimals
 * keep their digits (R4 § decimal: precision is significant), as when /fhir parses the same resource.
 */
class HookRequestsTest {
	private static final FhirContext R4 = FhirContext.forR4Cached();
	private final ObjectMapper reader = HookRequests.reader(new ObjectMapper());

	@Test
	void decimalsInContextAndPrefetchKeepTheirDigits() throws Exception {
		JsonNode body = reader.readTree("""
				{"hook":"order-sign","hookInstance":"h","context":{"userId":"PractitionerRole/r","patientId":"p",
				 "draftOrders":{"resourceType":"Bundle","type":"collection","entry":[{"resource":
				  {"resourceType":"MedicationRequest","id":"d","status":"draft","intent":"order","subject":{"reference":"Patient/p"},
				   "dosageInstruction":[{"doseAndRate":[{"rateQuantity":{"value":0.80,"code":"mL/min"},
				     "doseQuantity":{"value":1.0E8,"code":"{cells}"}}]}]}}]}},
				 "prefetch":{"patient":null,"observations":{"resourceType":"Bundle","type":"searchset","entry":[{"resource":
				  {"resourceType":"Observation","id":"w","status":"final","code":{"text":"weight"},"valueQuantity":{"value":62.50}}}]}}}""");
		CdsServiceRequestJson request = HookRequests.parse(body, R4, reader);

		MedicationRequest order = (MedicationRequest) ((Bundle) request.getContext().get("draftOrders")).getEntryFirstRep().getResource();
		assertThat(order.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getRateQuantity().getValueElement().getValueAsString())
				.isEqualTo("0.80");
		assertThat(order.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity().getValue())
				.isEqualByComparingTo("100000000");
		Observation weight = (Observation) ((Bundle) request.getPrefetch("observations")).getEntryFirstRep().getResource();
		assertThat(weight.getValueQuantity().getValueElement().getValueAsString()).isEqualTo("62.50");
		assertThat(request.getPrefetchKeys()).contains("patient");
		assertThat(request.getPrefetch("patient")).isNull();
	}
}
