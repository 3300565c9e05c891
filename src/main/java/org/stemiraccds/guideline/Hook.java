package org.stemiraccds.guideline;

/** Where rules run; the codes are those of the catalogue (CodeSystem guideline-rule, property hooks). */
public enum Hook {
	PATIENT_VIEW("PV"),
	ORDER_SELECT("OS"),
	ORDER_SIGN("SG"),
	/** Writing a STEMIRAC MedicationAdministration: "now" is its effective time. */
	ADMINISTRATION("MA");

	private final String code;

	Hook(String code) {
		this.code = code;
	}

	public String code() {
		return code;
	}
}
