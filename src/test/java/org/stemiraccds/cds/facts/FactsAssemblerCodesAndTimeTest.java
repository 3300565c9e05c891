package org.stemiraccds.cds.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stemiraccds.cds.facts.Fhir.*;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationAdministration.MedicationAdministrationStatus;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.stemiraccds.conformance.ValueSetIndex;
import org.stemiraccds.guideline.Code;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;

/** The rule catalogue's Revision 2, codes (every coding, ICD-10 forms, routes, STEMIRAC by name) and time (days in the zone, partial dates). */
class FactsAssemblerCodesAndTimeTest {
	@Test
	void anUndottedIcd10CodeIsATraumaticSci() {
		assertThat(record(sci("S141", "2026-11-01")).traumaticSci()).hasSize(1);
		assertThat(record(sci("G951", "2026-11-01")).traumaticSci()).isEmpty();
	}

	@Test
	void icd10CmCountsAndAnyCodingOfTheConceptDoes() {
		Condition condition = sci("S14.101A", "2026-11-01");
		condition.getCode().getCoding().get(0).setSystem(ValueSetIndex.ICD10_CM);
		condition.getCode().getCoding().add(0, new Coding("http://example.org/local", "SCI-1", "脊髄損傷"));
		assertThat(record(condition).traumaticSci()).hasSize(1);
	}

	@Test
	void anIntravenousCodingWinsAmongSeveral() {
		CodeableConcept route = concept("http://example.org/local", "IV").addCoding(new Coding(SNOMED, "47625008", null));
		assertThat(routeOf(route)).contains(new Code(SNOMED, "47625008"));
	}

	@Test
	void edqmIntravenousUseIsIntravenous() {
		Code route = routeOf(concept("http://standardterms.edqm.eu", "20045000")).orElseThrow();
		assertThat(CODE_SETS.contains("route-intravenous", route)).isTrue();
	}

	@Test
	void aKnownRouteThatIsNotIntravenousIsKept() {
		Code route = routeOf(concept(SNOMED, "78421000").addCoding(new Coding("http://example.org/local", "IM", null))).orElseThrow();
		assertThat(route).isEqualTo(new Code(SNOMED, "78421000"));
		assertThat(CODE_SETS.contains("route-intravenous", route)).isFalse();
	}

	@Test
	void aRouteKnownOnlyLocallyOrByTextIsNoRoute() {
		assertThat(routeOf(concept("http://example.org/local", "IM"))).isEmpty();
		assertThat(routeOf(new CodeableConcept().setText("筋注"))).isEmpty();
	}

	@Test
	void stemiracIsRecognisedByNameWhenNotCoded() {
		MedicationRequest byText = order("text", MedicationRequest.MedicationRequestStatus.DRAFT);
		byText.setMedication(new CodeableConcept().setText("ステミラック注 1バッグ"));
		MedicationRequest byDisplay = order("display", MedicationRequest.MedicationRequestStatus.DRAFT);
		byDisplay.setMedication(new CodeableConcept().addCoding(new Coding("http://example.org/hot", "1234", "Stemirac injection")));
		MedicationRequest other = order("other", MedicationRequest.MedicationRequestStatus.DRAFT);
		other.setMedication(new CodeableConcept().setText("Cefazolin"));
		assertThat(assemble(Hook.ORDER_SIGN, List.of(), List.of(byText, byDisplay, other)).draftOrders())
				.extracting(PatientFacts.StemiracOrder::id).containsExactly("MedicationRequest/text", "MedicationRequest/display");
	}

	@Test
	void aContainedStemiracMedicationIsRecognisedAndIsTheLot() {
		MedicationRequest order = order("o", MedicationRequest.MedicationRequestStatus.DRAFT);
		Medication contained = lot("med", "Patient/p1");
		contained.setCode(new CodeableConcept().setText("STEMIRAC"));
		order.addContained(contained);
		order.setMedication(new Reference("#med"));
		MedicationRequest parsed = parse(R4.newJsonParser().encodeResourceToString(order));
		for (MedicationRequest draft : List.of(order, parsed)) {
			PatientFacts facts = assemble(Hook.ORDER_SIGN, List.of(), List.of(draft));
			assertThat(facts.draftOrders()).extracting(PatientFacts.StemiracOrder::lot).containsExactly(java.util.Optional.of("MedicationRequest/o#med"));
			assertThat(facts.products()).containsExactly(new PatientFacts.ProductLot("MedicationRequest/o#med", java.util.Optional.of("Patient/p1")));
		}
	}

	@Test
	void anOnsetKnownOnlyToTheMonthOrYearIsUnknown() {
		assertThat(record(sci("S14.1", "2026-11")).injuryDate()).isEmpty();
		assertThat(record(sci("S14.1", "2026")).injuryDate()).isEmpty();
		assertThat(record(sci("S14.1", "2026-11-03")).injuryDate()).contains(LocalDate.of(2026, 11, 3));
	}

	@Test
	void anOnsetDateTimeIsItsDayInTheZone() {
		assertThat(record(sci("S14.1", "2026-11-02T20:00:00Z")).injuryDate()).contains(LocalDate.of(2026, 11, 3));
	}

	@Test
	void anOnsetPeriodStartCountsWhenKnownToTheDay() {
		Condition condition = sci("S14.1", "2026-11-03");
		condition.setOnset(new Period().setStartElement(new DateTimeType("2026-11-04")));
		assertThat(record(condition).injuryDate()).contains(LocalDate.of(2026, 11, 4));
		condition.setOnset(new Period().setStartElement(new DateTimeType("2026-11")));
		assertThat(record(condition).injuryDate()).isEmpty();
		condition.setOnset(new StringType("先月"));
		assertThat(record(condition).injuryDate()).isEmpty();
	}

	@Test
	void aDateOnlyMeasurementIsTheStartOfThatDayInTheZone() {
		Observation weight = observation("w", FhirCodes.BODY_WEIGHT, ObservationStatus.FINAL, "2026-11-20");
		weight.setValue(ucum(60, "kg"));
		assertThat(record(weight).vitals().weights().get(0).effective())
				.isEqualTo(OffsetDateTime.parse("2026-11-20T00:00:00+09:00").toInstant());
	}

	@Test
	void anObservationWithEffectivePeriodOrInstantIsAtItsStart() {
		Observation period = observation("period", FhirCodes.BODY_WEIGHT, ObservationStatus.FINAL, "2026-11-20");
		period.setEffective(new Period().setStartElement(new DateTimeType("2026-11-21T08:00:00+09:00")));
		period.setValue(ucum(60, "kg"));
		Observation instant = observation("instant", FhirCodes.BODY_WEIGHT, ObservationStatus.FINAL, "2026-11-20");
		instant.setEffective(new InstantType("2026-11-22T08:00:00+09:00"));
		instant.setValue(ucum(61, "kg"));
		assertThat(record(period, instant).vitals().weights()).extracting(PatientFacts.Measurement::effective).containsExactly(
				OffsetDateTime.parse("2026-11-21T08:00:00+09:00").toInstant(), OffsetDateTime.parse("2026-11-22T08:00:00+09:00").toInstant());
	}

	@Test
	void anAdministrationWithEffectivePeriodWasGivenAtItsStart() {
		MedicationAdministration given = administration("a", MedicationAdministrationStatus.COMPLETED);
		given.setEffective(new Period().setStartElement(new DateTimeType("2026-11-20T10:00:00+09:00"))
				.setEndElement(new DateTimeType("2026-11-20T12:00:00+09:00")));
		assertThat(record(given).administrations().get(0).given()).isEqualTo(OffsetDateTime.parse("2026-11-20T10:00:00+09:00").toInstant());
	}

	@Test
	void aStoredAdministrationWithoutTimeIsSkippedTheOneBeingWrittenIsNow() {
		MedicationAdministration timeless = administration("a", MedicationAdministrationStatus.COMPLETED);
		timeless.setEffective(null);
		assertThat(record(timeless).administrations()).isEmpty();
		assertThat(assemble(Hook.ADMINISTRATION, List.of(), List.of(timeless)).administrations().get(0).given()).isEqualTo(NOW);
	}

	@Test
	void aPartialBirthDateIsItsLastDay() {
		var facts = ASSEMBLER.assemble(new FactsAssembler.Input(Hook.PATIENT_VIEW, NOW,
				patient().setBirthDateElement(new org.hl7.fhir.r4.model.DateType("2010")), List.of(), List.of()));
		assertThat(facts.patient().birthDate()).contains(LocalDate.of(2010, 12, 31));
	}

	private static java.util.Optional<Code> routeOf(CodeableConcept route) {
		MedicationRequest order = order("o", MedicationRequest.MedicationRequestStatus.DRAFT);
		order.addDosageInstruction().setRoute(route);
		return assemble(Hook.ORDER_SIGN, List.of(), List.of(order)).dosing().get(0).route();
	}

	private static Condition sci(String icd10, String onset) {
		Condition condition = withId(new Condition(), "sci");
		condition.setCode(concept(ICD10, icd10));
		condition.setOnset(new DateTimeType(onset));
		return condition;
	}
}
