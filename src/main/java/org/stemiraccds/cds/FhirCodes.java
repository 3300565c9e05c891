package org.stemiraccds.cds;

import org.stemiraccds.conformance.ConformanceResources;

/** The systems, codes and extension URLs the facts are read from (the data contract of the spec), once each. */
final class FhirCodes {
	private FhirCodes() {}

	static final String LOINC = "http://loinc.org";
	static final String AIS = "97843-7";
	static final String BODY_WEIGHT = "29463-7";
	static final String BODY_HEIGHT = "8302-2";
	static final String HAEMOGLOBIN = "718-7";
	static final String BLOOD_PRESSURE_PANEL = "85354-9";
	static final String SYSTOLIC = "8480-6";
	static final String DIASTOLIC = "8462-4";

	static final String CELLS_UNIT = "{cells}";

	private static final String BASE = ConformanceResources.CANONICAL_BASE;
	static final String AIS_GRADE_SYSTEM = BASE + "/CodeSystem/ais-grade";
	static final String PRODUCT_SYSTEM = BASE + "/CodeSystem/stemirac-product";
	static final String PRODUCT_CODE = "STEMIRAC";
	static final String PROCEDURE_SYSTEM = BASE + "/CodeSystem/stemirac-procedure";
	static final String BONE_MARROW = "bone-marrow-collection";
	static final String PERIPHERAL_BLOOD = "peripheral-blood-collection";
	static final String PHYSICIAN_REQUIREMENT_SYSTEM = BASE + "/CodeSystem/physician-requirement";
	static final String FACILITY_REQUIREMENT_SYSTEM = BASE + "/CodeSystem/facility-requirement";
	static final String OVERRIDE_REASON_SYSTEM = BASE + "/CodeSystem/override-reason";
	static final String RULE_SYSTEM = BASE + "/CodeSystem/guideline-rule";
	static final String REGISTRY_SYSTEM = BASE + "/sid/patient-registry";

	static final String AIS_TIMEPOINT_EXTENSION = BASE + "/StructureDefinition/ais-timepoint";
	static final String AUTOLOGOUS_SOURCE_EXTENSION = BASE + "/StructureDefinition/autologous-source";
	static final String DILUTION_EXTENSION = BASE + "/StructureDefinition/dilution-factor";
	static final String FACILITY_REQUIREMENT_EXTENSION = BASE + "/StructureDefinition/facility-requirement";
}
