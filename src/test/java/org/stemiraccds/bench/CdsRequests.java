package org.stemiraccds.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import org.stemiraccds.cds.CdsClient;

/**
 * The order-sign requests of the benchmark: a standard STEMIRAC order for the demo patient demo-ais-d (as in
 * the tests' DemoOrders), without prefetch (the service reads this server's database) and with the full
 * prefetch an EHR would send (every template of the discovery document, read from this server).
 */
final class CdsRequests {
	static final String PATIENT = "demo-ais-d";
	static final String SERVICE = "stemirac-order-sign";
	static final String PATIENT_VIEW_SERVICE = "stemirac-patient-view";
	private static final String USER = "PractitionerRole/demo-role";
	private static final ObjectMapper JSON = new ObjectMapper();

	final String noPrefetch;
	final String fullPrefetch;

	private CdsRequests(String noPrefetch, String fullPrefetch) {
		this.noPrefetch = noPrefetch;
		this.fullPrefetch = fullPrefetch;
	}

	/** Reads the discovery document and the prefetch from the server (with these headers, e.g. a token). */
	static CdsRequests build(ServerProcess server, Map<String, String> fhirHeaders, Map<String, String> cdsHeaders) throws Exception {
		ObjectNode request = orderSign();
		String noPrefetch = request.toString();
		JsonNode discovery = JSON.readTree(Load.Call.get(server.root + "/cds-services", cdsHeaders).send(200).body());
		ObjectNode prefetch = request.putObject("prefetch");
		for (JsonNode service : discovery.get("services")) {
			if (!service.get("id").asText().equals(SERVICE)) continue;
			for (Map.Entry<String, JsonNode> template : service.get("prefetch").properties()) {
				// Templates whose tokens this user cannot fill are left out, as an EHR leaves them out.
				Optional<String> url = CdsClient.prefetchUrl(template.getValue().asText(), request.get("context"));
				if (url.isEmpty()) continue;
				String read = Load.Call.get(server.fhirBase + "/" + url.get().replace("|", "%7C"), fhirHeaders).send(200).body();
				prefetch.set(template.getKey(), JSON.readTree(read));
			}
		}
		return new CdsRequests(noPrefetch, request.toString());
	}

	String url(ServerProcess server) {
		return server.root + "/cds-services/" + SERVICE;
	}

	/** patient-view of the same patient without prefetch (the service reads this server's database), and its URL. */
	static String patientView() {
		return """
				{"hook":"patient-view","hookInstance":"bench","context":{"userId":"%s","patientId":"%s"}}""".formatted(USER, PATIENT);
	}

	static String patientViewUrl(ServerProcess server) {
		return server.root + "/cds-services/" + PATIENT_VIEW_SERVICE;
	}

	private static ObjectNode orderSign() throws Exception {
		String order = """
				{"resourceType":"MedicationRequest","id":"draft-1","status":"draft","intent":"order",
				 "subject":{"reference":"Patient/%1$s"},"medicationReference":{"reference":"Medication/%1$s-lot"},
				 "requester":{"reference":"%2$s"},
				 "dosageInstruction":[{"extension":[{"url":"https://stemirac-cds.org/fhir/StructureDefinition/dilution-factor","valueDecimal":3}],
				   "route":{"coding":[{"system":"http://snomed.info/sct","code":"47625008"}]},
				   "doseAndRate":[{"doseQuantity":{"value":1.0E8,"system":"http://unitsofmeasure.org","code":"{cells}"},
				     "rateQuantity":{"value":0.8,"system":"http://unitsofmeasure.org","code":"mL/min"}}]}]}""".formatted(PATIENT, USER);
		ObjectNode request = JSON.createObjectNode();
		request.put("hook", "order-sign");
		request.put("hookInstance", "bench");
		ObjectNode context = request.putObject("context");
		context.put("userId", USER);
		context.put("patientId", PATIENT);
		ObjectNode bundle = context.putObject("draftOrders");
		bundle.put("resourceType", "Bundle").put("type", "collection");
		bundle.putArray("entry").addObject().set("resource", JSON.readTree(order));
		return request;
	}
}
