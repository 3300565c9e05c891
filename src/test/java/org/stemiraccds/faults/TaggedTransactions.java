package org.stemiraccds.faults;

import java.util.List;
import java.util.UUID;

/**
 * The transaction Bundles of the crash test: four resources (Patient, Encounter, Condition, Observation, linked by
 * urn:uuid references) that carry two tags, the run's and the bundle's own, so that what is stored after a crash
 * can be counted per bundle: 4 (all) or 0 (none), never in between.
 */
final class TaggedTransactions {
	/** meta.tag system of the run (code: the run id); all resources of one run carry it. */
	static final String RUN_TAG = "https://stemirac-cds.org/fhir/test/crash-run";
	/** meta.tag system of the bundle (code: the bundle id). */
	static final String BUNDLE_TAG = "https://stemirac-cds.org/fhir/test/crash-bundle";
	static final List<String> RESOURCE_TYPES = List.of("Patient", "Encounter", "Condition", "Observation");

	private TaggedTransactions() {
	}

	/** The transaction Bundle (JSON) for this bundle id of this run. */
	static String bundle(String runId, String bundleId) {
		String meta = "\"meta\":{\"tag\":[{\"system\":\"" + RUN_TAG + "\",\"code\":\"" + runId + "\"},{\"system\":\""
				+ BUNDLE_TAG + "\",\"code\":\"" + bundleId + "\"}]}";
		String patient = "urn:uuid:" + UUID.randomUUID();
		String encounter = "urn:uuid:" + UUID.randomUUID();
		String subject = "\"subject\":{\"reference\":\"" + patient + "\"}";
		String inEncounter = "\"encounter\":{\"reference\":\"" + encounter + "\"}";
		return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
				+ entry(patient, "Patient", meta + ",\"identifier\":[{\"system\":\"" + BUNDLE_TAG + "\",\"value\":\"" + bundleId
						+ "\"}],\"name\":[{\"family\":\"Crash\",\"given\":[\"" + bundleId + "\"]}],\"birthDate\":\"1970-01-01\"")
				+ "," + entry(encounter, "Encounter", meta + ",\"status\":\"finished\",\"class\":{\"system\":"
						+ "\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"AMB\"}," + subject)
				+ "," + entry("urn:uuid:" + UUID.randomUUID(), "Condition", meta + ",\"code\":{\"coding\":[{\"system\":"
						+ "\"http://hl7.org/fhir/sid/icd-10\",\"code\":\"S14.1\"}]}," + subject + "," + inEncounter
						+ ",\"onsetDateTime\":\"2025-01-01\"")
				+ "," + entry("urn:uuid:" + UUID.randomUUID(), "Observation", meta + ",\"status\":\"final\",\"code\":"
						+ "{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"29463-7\"}]}," + subject + "," + inEncounter
						+ ",\"effectiveDateTime\":\"2025-01-02\",\"valueQuantity\":{\"value\":70,\"unit\":\"kg\","
						+ "\"system\":\"http://unitsofmeasure.org\",\"code\":\"kg\"}")
				+ "]}";
	}

	private static String entry(String fullUrl, String type, String body) {
		return "{\"fullUrl\":\"" + fullUrl + "\",\"resource\":{\"resourceType\":\"" + type + "\"," + body
				+ "},\"request\":{\"method\":\"POST\",\"url\":\"" + type + "\"}}";
	}
}
