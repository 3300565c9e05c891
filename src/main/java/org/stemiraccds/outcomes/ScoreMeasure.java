package org.stemiraccds.outcomes;

import java.util.List;
import org.stemiraccds.conformance.ConformanceResources;

/**
 * The score changes of the §3 Tables 3 (ISNCSCI) and 4 (SCIM-III): the CSV measure name and the code of
 * CodeSystem sci-score (terminology/CodeSystem-sci-score.json) each is recorded under.
 */
public enum ScoreMeasure {
	MOTOR(3, "motor", "isncsci-motor"),
	LIGHT_TOUCH(3, "light_touch", "isncsci-light-touch"),
	PIN_PRICK(3, "pin_prick", "isncsci-pin-prick"),
	ISNCSCI_TOTAL(3, "isncsci_total", "isncsci-total"),
	SCIM_TOTAL(4, "scim_total", "scim-total");

	public static final String SYSTEM = ConformanceResources.CANONICAL_BASE + "/CodeSystem/sci-score";
	/** The ISNCSCI components whose sum is the total when no total is recorded (ISNCSCI: total = motor + LT + PP). */
	static final List<ScoreMeasure> ISNCSCI_PARTS = List.of(MOTOR, LIGHT_TOUCH, PIN_PRICK);

	private final int table;
	private final String measure;
	private final String code;

	ScoreMeasure(int table, String measure, String code) {
		this.table = table;
		this.measure = measure;
		this.code = code;
	}

	public int table() {
		return table;
	}

	public String measure() {
		return measure;
	}

	public String code() {
		return code;
	}
}
