package org.stemiraccds.guideline.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;

/** The resources a finding names when it is about the STEMIRAC order or administration itself. */
public final class Implicated {
	private Implicated() {}

	public static List<String> stemirac(PatientFacts facts) {
		List<String> ids = new ArrayList<>();
		facts.draftOrders().forEach(order -> ids.add(order.id()));
		if (facts.hook() == Hook.ADMINISTRATION) facts.administrations().forEach(a -> ids.add(a.id()));
		return ids;
	}

	/** The given resources, then the STEMIRAC order or administration. */
	public static List<String> withStemirac(List<String> ids, PatientFacts facts) {
		return Stream.concat(ids.stream(), stemirac(facts).stream()).distinct().toList();
	}
}
