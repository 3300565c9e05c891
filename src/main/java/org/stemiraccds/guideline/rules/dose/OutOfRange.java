package org.stemiraccds.guideline.rules.dose;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.stemiraccds.guideline.PatientFacts.Dosing;

/** The first dosing whose value (dose, rate) is stated and lies outside [min, max]. */
record OutOfRange(Dosing dosing, double value) {
	static Optional<OutOfRange> first(
			List<Dosing> dosing, Function<Dosing, Optional<Double>> value, double min, double max) {
		return dosing.stream()
				.flatMap(d -> value.apply(d).filter(v -> v < min || v > max).map(v -> new OutOfRange(d, v)).stream())
				.findFirst();
	}
}
