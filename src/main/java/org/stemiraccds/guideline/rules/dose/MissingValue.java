package org.stemiraccds.guideline.rules.dose;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.stemiraccds.guideline.PatientFacts.Unreadable;

/**
 * Why a -MISSING rule found nothing to read: "reason" is not-recorded, or unit-not-understood with the unit as
 * written in "unreadableUnit" (a quantity whose unit could not be converted counts as missing).
 */
final class MissingValue {
	static final String NOT_RECORDED = "not-recorded";
	static final String UNIT_NOT_UNDERSTOOD = "unit-not-understood";

	private MissingValue() {}

	/** The values for the card, with the given ones. */
	static Map<String, Object> values(List<Unreadable> unreadable, Map<String, Object> others) {
		Map<String, Object> values = new HashMap<>(others);
		if (unreadable.isEmpty()) {
			values.put("reason", NOT_RECORDED);
		} else {
			values.put("reason", UNIT_NOT_UNDERSTOOD);
			values.put("unreadableUnit", unreadable.get(0).unit());
		}
		return values;
	}
}
