package org.stemiraccds.cds.facts;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.guideline.rules.process.ProRehabTransfer;

/** The systems, codes and extension URLs the facts are read from (profiles/ and terminology/, and the LOINC and SNOMED CT codes EHRs use), once each. */
public final class FhirCodes {
	private FhirCodes() {}

	public static final String LOINC = "http://loinc.org";
	public static final String AIS = "97843-7";
	public static final String BODY_WEIGHT = "29463-7";
	public static final String BODY_HEIGHT = "8302-2";
	public static final String HAEMOGLOBIN = "718-7";
	public static final String BLOOD_PRESSURE_PANEL = "85354-9";
	/** Weight, height and blood-pressure panels as EHRs code them (measured weight, lying height for bed-bound patients). */
	public static final Set<String> BODY_WEIGHT_CODES = Set.of(BODY_WEIGHT, "3141-9");
	public static final Set<String> BODY_HEIGHT_CODES = Set.of(BODY_HEIGHT, "8306-3");
	public static final Set<String> BLOOD_PRESSURE_PANELS = Set.of(BLOOD_PRESSURE_PANEL, "55284-4");
	public static final String SYSTOLIC = "8480-6";
	public static final String DIASTOLIC = "8462-4";
	/** Every Observation code the facts read (LOINC): the record is searched for these and no others. */
	public static final Set<String> OBSERVATION_CODES = Stream.of(
					Set.of(AIS, HAEMOGLOBIN, SYSTOLIC, DIASTOLIC), BODY_WEIGHT_CODES, BODY_HEIGHT_CODES, BLOOD_PRESSURE_PANELS)
			.flatMap(Set::stream)
			.collect(Collectors.toUnmodifiableSet());

	public static final String CELLS_UNIT = "{cells}";

	public static final String SNOMED = "http://snomed.info/sct";
	/** SNOMED CT 3457005 Patient referral, 306206005 Referral to service: what marks a ServiceRequest as a referral. */
	public static final Set<String> REFERRAL_CODES = Set.of("3457005", "306206005");
	/** The facility item that names the rehabilitation partners (§4 ①-5). */
	public static final String TRANSFER_REQUIREMENT = ProRehabTransfer.PARTNER_ITEM;

	private static final String BASE = ConformanceResources.CANONICAL_BASE;
	public static final String AIS_GRADE_SYSTEM = BASE + "/CodeSystem/ais-grade";
	public static final String PRODUCT_SYSTEM = BASE + "/CodeSystem/stemirac-product";
	public static final String PRODUCT_CODE = "STEMIRAC";
	public static final String PROCEDURE_SYSTEM = BASE + "/CodeSystem/stemirac-procedure";
	public static final String BONE_MARROW = "bone-marrow-collection";
	public static final String PERIPHERAL_BLOOD = "peripheral-blood-collection";
	public static final String PHYSICIAN_REQUIREMENT_SYSTEM = BASE + "/CodeSystem/physician-requirement";
	public static final String FACILITY_REQUIREMENT_SYSTEM = BASE + "/CodeSystem/facility-requirement";
	public static final String OVERRIDE_REASON_SYSTEM = BASE + "/CodeSystem/override-reason";
	public static final String RULE_SYSTEM = BASE + "/CodeSystem/guideline-rule";
	public static final String REGISTRY_SYSTEM = BASE + "/sid/patient-registry";

	public static final String AIS_TIMEPOINT_EXTENSION = BASE + "/StructureDefinition/ais-timepoint";
	public static final String AUTOLOGOUS_SOURCE_EXTENSION = BASE + "/StructureDefinition/autologous-source";
	/** On AdverseEvent: when it was reported (§4 ②); absent, not reported yet. */
	public static final String ADVERSE_EVENT_REPORTED_EXTENSION = BASE + "/StructureDefinition/adverse-event-reported";
	/**
	 * R4's AdverseEvent has no status; R5 added one, which an R4 record carries as this cross-version extension
	 * (FHIR R5 § Cross-version extensions), e.g. entered-in-error.
	 */
	public static final String ADVERSE_EVENT_R5_STATUS_EXTENSION = "http://hl7.org/fhir/5.0/StructureDefinition/extension-AdverseEvent.status";
	public static final String DILUTION_EXTENSION = BASE + "/StructureDefinition/dilution-factor";
	public static final String FACILITY_REQUIREMENT_EXTENSION = BASE + "/StructureDefinition/facility-requirement";
}
