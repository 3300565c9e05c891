package org.stemiraccds.cds.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.stemiraccds.cds.facts.Fhir.*;

import java.math.BigDecimal;
import java.util.List;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationAdministration.MedicationAdministrationStatus;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Ratio;
import org.junit.jupiter.api.Test;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.Dosing;
import org.stemiraccds.guideline.PatientFacts.Measurement;
import org.stemiraccds.guideline.PatientFacts.QuantityKind;
import org.stemiraccds.guideline.PatientFacts.Unreadable;

/** The rule catalogue's Revision 2, units: every quantity converted with UCUM; one it cannot convert is missing and named. */
class FactsAssemblerUnitsTest {
	@Test
	void weightInPoundsIsKilograms() {
		assertThat(weightOf(ucum(154, "[lb_av]"))).isCloseTo(69.85, within(0.01));
		assertThat(weightOf(ucum(70000, "g"))).isCloseTo(70.0, within(1e-9));
		assertThat(weightOf(ucum(70, "kg"))).isCloseTo(70.0, within(1e-9));
	}

	@Test
	void aUcumUnitWithoutSystemIsReadFromTheUnitText() {
		assertThat(weightOf(new Quantity().setValue(BigDecimal.valueOf(154)).setUnit("[lb_av]"))).isCloseTo(69.85, within(0.01));
	}

	@Test
	void heightInMetresOrInchesIsCentimetres() {
		assertThat(measured(FhirCodes.BODY_HEIGHT, ucum(1.72, "m")).vitals().heights()).extracting(Measurement::value).containsExactly(172.0);
		assertThat(measured(FhirCodes.BODY_HEIGHT, ucum(70, "[in_i]")).vitals().heights().get(0).value()).isCloseTo(177.8, within(1e-9));
	}

	@Test
	void haemoglobinInGramsPerLitreOrMillimolesIsGramsPerDecilitre() {
		assertThat(haemoglobinOf(ucum(130, "g/L"))).isCloseTo(13.0, within(1e-9));
		assertThat(haemoglobinOf(ucum(13, "g/dL"))).isCloseTo(13.0, within(1e-9));
		assertThat(haemoglobinOf(ucum(8, "mmol/L"))).isCloseTo(12.888, within(1e-9));
	}

	@Test
	void aUnitUcumCannotReadIsMissingAndListed() {
		Observation weight = weight(new Quantity().setValue(BigDecimal.valueOf(154)).setUnit("lbs"));
		PatientFacts facts = record(weight);
		assertThat(facts.vitals().weights()).isEmpty();
		assertThat(facts.unreadable()).containsExactly(new Unreadable("Observation/w", QuantityKind.WEIGHT, "lbs"));
		assertThat(facts.unreadable(QuantityKind.WEIGHT)).hasSize(1);
	}

	@Test
	void aUnitOfAnotherDimensionIsUnreadable() {
		PatientFacts facts = record(weight(ucum(170, "cm")));
		assertThat(facts.vitals().weights()).isEmpty();
		assertThat(facts.unreadable()).extracting(Unreadable::unit).containsExactly("cm");
	}

	@Test
	void aQuantityWithoutValueIsMissingNotUnreadable() {
		PatientFacts facts = record(weight(new Quantity().setSystem(UCUM).setCode("kg")));
		assertThat(facts.vitals().weights()).isEmpty();
		assertThat(facts.unreadable()).isEmpty();
	}

	@Test
	void rateInMillilitresPerHourIsPerMinute() {
		assertThat(orderDosing(ucum(1e8, "{cells}"), ucum(48, "mL/h")).rateMlPerMin()).hasValueSatisfying(r -> assertThat(r).isCloseTo(0.8, within(1e-9)));
		assertThat(orderDosing(ucum(1e8, "{cells}"), ucum(0.8, "mL/min")).rateMlPerMin()).hasValue(0.8);
	}

	@Test
	void rateAsRatioIsPerMinute() {
		MedicationRequest order = order("o", MedicationRequest.MedicationRequestStatus.DRAFT);
		order.addDosageInstruction().addDoseAndRate().setRate(new Ratio().setNumerator(ucum(48, "mL")).setDenominator(ucum(1, "h")));
		assertThat(sign(order).dosing().get(0).rateMlPerMin()).hasValueSatisfying(r -> assertThat(r).isCloseTo(0.8, within(1e-9)));
	}

	@Test
	void doseIn10To8CellsIsCells() {
		assertThat(orderDosing(ucum(2, "10*8{cells}"), null).cells()).hasValueSatisfying(c -> assertThat(c).isCloseTo(2e8, within(1.0)));
		assertThat(orderDosing(ucum(150, "10*6{cells}"), null).cells()).hasValueSatisfying(c -> assertThat(c).isCloseTo(1.5e8, within(1.0)));
		assertThat(orderDosing(ucum(1e8, "{cells}"), null).cells()).hasValue(1e8);
	}

	@Test
	void aDoseThatDoesNotCountCellsIsUnreadable() {
		PatientFacts facts = sign(withDose(ucum(2, "10*8{vials}")));
		assertThat(facts.dosing().get(0).cells()).isEmpty();
		assertThat(facts.unreadable()).containsExactly(new Unreadable("MedicationRequest/o", QuantityKind.DOSE, "10*8{vials}"));
		assertThat(sign(withDose(ucum(10, "mL"))).unreadable()).extracting(Unreadable::kind).containsExactly(QuantityKind.DOSE);
	}

	@Test
	void theAdministrationsOwnDoseAndRateAreReadOnMa() {
		MedicationAdministration writing = administration("a", MedicationAdministrationStatus.COMPLETED);
		writing.getDosage().setDose(ucum(1, "10*8{cells}")).setRate(ucum(48, "mL/h"));
		Dosing dosing = assemble(Hook.ADMINISTRATION, List.of(), List.of(writing)).dosing().get(0);
		assertThat(dosing.cells()).hasValueSatisfying(c -> assertThat(c).isCloseTo(1e8, within(1.0)));
		assertThat(dosing.rateMlPerMin()).hasValueSatisfying(r -> assertThat(r).isCloseTo(0.8, within(1e-9)));
	}

	@Test
	void bloodPressureInKilopascalIsMillimetresOfMercury() {
		Observation systolic = observation("sys", FhirCodes.SYSTOLIC, ObservationStatus.FINAL, "2026-11-24T08:00:00+09:00");
		systolic.setValue(ucum(16, "kPa"));
		Observation diastolic = observation("dia", FhirCodes.DIASTOLIC, ObservationStatus.FINAL, "2026-11-24T08:00:00+09:00");
		diastolic.setValue(ucum(80, "mm[Hg]"));
		assertThat(record(systolic, diastolic).vitals().bloodPressures().get(0).systolic()).isCloseTo(120.0, within(0.1));
	}

	private static double weightOf(Quantity quantity) {
		return record(weight(quantity)).vitals().weights().get(0).value();
	}

	private static double haemoglobinOf(Quantity quantity) {
		return measured(FhirCodes.HAEMOGLOBIN, quantity).vitals().haemoglobin().get(0).value();
	}

	private static PatientFacts measured(String loinc, Quantity quantity) {
		Observation observation = observation("m", loinc, ObservationStatus.FINAL, "2026-11-24T08:00:00+09:00");
		observation.setValue(quantity);
		return record(observation);
	}

	private static Observation weight(Quantity quantity) {
		Observation weight = observation("w", FhirCodes.BODY_WEIGHT, ObservationStatus.FINAL, "2026-11-24T08:00:00+09:00");
		weight.setValue(quantity);
		return weight;
	}

	private static MedicationRequest withDose(Quantity dose) {
		MedicationRequest order = order("o", MedicationRequest.MedicationRequestStatus.DRAFT);
		order.addDosageInstruction().addDoseAndRate().setDose(dose);
		return order;
	}

	private static Dosing orderDosing(Quantity dose, Quantity rate) {
		MedicationRequest order = withDose(dose);
		if (rate != null) order.getDosageInstructionFirstRep().getDoseAndRateFirstRep().setRate(rate);
		return sign(order).dosing().get(0);
	}

	private static PatientFacts sign(MedicationRequest order) {
		return assemble(Hook.ORDER_SIGN, List.of(), List.of(order));
	}
}
