package org.stemiraccds.cds.facts;

import static org.stemiraccds.cds.facts.FactsAssembler.id;
import static org.stemiraccds.cds.facts.FhirCodes.*;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.stemiraccds.guideline.PatientFacts.AisAssessment;
import org.stemiraccds.guideline.PatientFacts.BloodPressure;
import org.stemiraccds.guideline.PatientFacts.Measurement;
import org.stemiraccds.guideline.PatientFacts.QuantityKind;
import org.stemiraccds.guideline.PatientFacts.Vitals;

/**
 * AIS grades and vital signs. An Observation counts only when final, amended or corrected (the rule
 * catalogue's Revision 2, statuses), at its effectiveDateTime, effectiveInstant or the start of its effectivePeriod, and its value in
 * the rules' unit (UCUM).
 */
final class Observations {
	private static final Set<ObservationStatus> COUNTED = EnumSet.of(ObservationStatus.FINAL, ObservationStatus.AMENDED, ObservationStatus.CORRECTED);

	private final Resources all;
	private final FhirTime time;
	private final Quantities quantities;

	Observations(Resources all, FhirTime time, Quantities quantities) {
		this.all = all;
		this.time = time;
		this.quantities = quantities;
	}

	List<AisAssessment> ais() {
		return counted(Set.of(AIS)).stream().flatMap(o -> ais(o).stream()).toList();
	}

	Vitals vitals() {
		return new Vitals(measurements(BODY_WEIGHT_CODES, QuantityKind.WEIGHT), measurements(BODY_HEIGHT_CODES, QuantityKind.HEIGHT),
				measurements(Set.of(HAEMOGLOBIN), QuantityKind.HAEMOGLOBIN), bloodPressures());
	}

	private Optional<AisAssessment> ais(Observation observation) {
		if (!(observation.getValue() instanceof CodeableConcept value)) return Optional.empty();
		Optional<Coding> grade = value.getCoding().stream().filter(c -> AIS_GRADE_SYSTEM.equals(c.getSystem()) && c.hasCode()).findFirst();
		Optional<Instant> effective = time.effective(observation.getEffective());
		if (grade.isEmpty() || effective.isEmpty()) return Optional.empty();
		return Optional.of(new AisAssessment(id(observation), grade.get().getCode(), effective.get(), timepoint(observation)));
	}

	private static Optional<String> timepoint(Observation observation) {
		List<Extension> extensions = observation.getExtensionsByUrl(AIS_TIMEPOINT_EXTENSION);
		return Concepts.extensionValue(extensions, CodeableConcept.class)
				.flatMap(concept -> concept.getCoding().stream().filter(Coding::hasCode).map(Coding::getCode).findFirst())
				.or(() -> Concepts.extensionValue(extensions, Coding.class).filter(Coding::hasCode).map(Coding::getCode));
	}

	private List<Measurement> measurements(Set<String> loinc, QuantityKind kind) {
		List<Measurement> measurements = new ArrayList<>();
		for (Observation observation : counted(loinc)) {
			Optional<Instant> effective = time.effective(observation.getEffective());
			if (effective.isEmpty() || !(observation.getValue() instanceof Quantity quantity)) continue;
			quantities.read(id(observation), quantity, kind)
					.ifPresent(value -> measurements.add(new Measurement(id(observation), value, effective.get())));
		}
		return measurements;
	}

	/** Panels (85354-9) with both components, and separate systolic and diastolic readings paired by their time. */
	private List<BloodPressure> bloodPressures() {
		List<BloodPressure> pressures = new ArrayList<>();
		for (Observation panel : counted(BLOOD_PRESSURE_PANELS)) {
			Optional<Instant> effective = time.effective(panel.getEffective());
			Optional<Double> systolic = component(panel, SYSTOLIC);
			Optional<Double> diastolic = component(panel, DIASTOLIC);
			if (effective.isPresent() && systolic.isPresent() && diastolic.isPresent()) {
				pressures.add(new BloodPressure(id(panel), systolic.get(), diastolic.get(), effective.get()));
			}
		}
		Map<Instant, Measurement> diastolicAt = new HashMap<>();
		measurements(Set.of(DIASTOLIC), QuantityKind.BLOOD_PRESSURE).forEach(d -> diastolicAt.putIfAbsent(d.effective(), d));
		for (Measurement systolic : measurements(Set.of(SYSTOLIC), QuantityKind.BLOOD_PRESSURE)) {
			Measurement diastolic = diastolicAt.remove(systolic.effective());
			if (diastolic != null) pressures.add(new BloodPressure(systolic.id(), systolic.value(), diastolic.value(), systolic.effective()));
		}
		return pressures;
	}

	private Optional<Double> component(Observation panel, String loinc) {
		return panel.getComponent().stream()
				.filter(c -> Concepts.hasCoding(c.getCode(), LOINC, loinc) && c.getValue() instanceof Quantity)
				.findFirst()
				.flatMap(c -> quantities.read(id(panel), (Quantity) c.getValue(), QuantityKind.BLOOD_PRESSURE));
	}

	private List<Observation> counted(Set<String> loinc) {
		return all.of(Observation.class).stream()
				.filter(o -> COUNTED.contains(o.getStatus()))
				.filter(o -> Concepts.hasCoding(o.getCode(), LOINC, loinc))
				.toList();
	}
}
