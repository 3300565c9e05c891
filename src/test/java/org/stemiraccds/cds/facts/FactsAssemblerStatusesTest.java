package org.stemiraccds.cds.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stemiraccds.cds.facts.Fhir.*;

import java.util.List;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.MedicationAdministration.MedicationAdministrationStatus;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Procedure;
import org.junit.jupiter.api.Test;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.AllergyFact;
import org.stemiraccds.guideline.PatientFacts.ConditionFact;

/** The rule catalogue's Revision 2, statuses: what FHIR says did not happen or is not true does not reach the rules. */
class FactsAssemblerStatusesTest {
	private static final String VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
	private static final String ALLERGY_VERIFICATION = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";
	private static final String ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";

	@Test
	void aRefutedOrMistakenConditionDoesNotExist() {
		PatientFacts facts = record(condition("refuted", "refuted"), condition("error", "entered-in-error"), condition("confirmed", "confirmed"),
				condition("unstated", null));
		assertThat(facts.conditions()).extracting(ConditionFact::id).containsExactly("Condition/confirmed", "Condition/unstated");
	}

	@Test
	void aRefutedAllergyDoesNotExistAConfirmedOneOfAnyClinicalStatusDoes() {
		PatientFacts facts = record(allergy("refuted", "refuted", "active"), allergy("error", "entered-in-error", null),
				allergy("resolved", "confirmed", "resolved"), allergy("active", "confirmed", "active"), allergy("unstated", null, null));
		assertThat(facts.allergies()).extracting(AllergyFact::id, AllergyFact::active)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("AllergyIntolerance/resolved", false),
						org.assertj.core.groups.Tuple.tuple("AllergyIntolerance/active", true),
						org.assertj.core.groups.Tuple.tuple("AllergyIntolerance/unstated", true));
	}

	@Test
	void anAllergyIsAMedicationAllergyByItsCategory() {
		AllergyIntolerance drug = allergy("drug", null, null).addCategory(AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION);
		AllergyIntolerance food = allergy("food", null, null).addCategory(AllergyIntolerance.AllergyIntoleranceCategory.FOOD);
		assertThat(record(drug, food).allergies()).extracting(AllergyFact::medication).containsExactly(true, false);
	}

	@Test
	void onlyFinalAmendedOrCorrectedObservationsCount() {
		PatientFacts facts = record(weight("final", ObservationStatus.FINAL), weight("amended", ObservationStatus.AMENDED),
				weight("corrected", ObservationStatus.CORRECTED), weight("preliminary", ObservationStatus.PRELIMINARY),
				weight("cancelled", ObservationStatus.CANCELLED), weight("error", ObservationStatus.ENTEREDINERROR),
				weight("unstated", null));
		assertThat(facts.vitals().weights()).extracting(PatientFacts.Measurement::id)
				.containsExactly("Observation/final", "Observation/amended", "Observation/corrected");
	}

	@Test
	void aPreliminaryAisDoesNotCount() {
		Observation preliminary = observation("ais-p", FhirCodes.AIS, ObservationStatus.PRELIMINARY, "2026-11-24");
		preliminary.setValue(concept(FhirCodes.AIS_GRADE_SYSTEM, "A"));
		Observation done = observation("ais-f", FhirCodes.AIS, ObservationStatus.FINAL, "2026-11-24");
		done.setValue(concept(FhirCodes.AIS_GRADE_SYSTEM, "B"));
		assertThat(record(preliminary, done).aisAssessments()).extracting(PatientFacts.AisAssessment::id).containsExactly("Observation/ais-f");
	}

	@Test
	void onlyACompletedCollectionProcedureIsDone() {
		PatientFacts facts = record(collection("done", Procedure.ProcedureStatus.COMPLETED), collection("stopped", Procedure.ProcedureStatus.STOPPED),
				collection("error", Procedure.ProcedureStatus.ENTEREDINERROR), collection("going", Procedure.ProcedureStatus.INPROGRESS));
		assertThat(facts.collections()).extracting(PatientFacts.Collection::id).containsExactly("Procedure/done");
	}

	@Test
	void aStoppedAdministrationWasGivenANotDoneOneWasNot() {
		PatientFacts facts = record(administration("completed", MedicationAdministrationStatus.COMPLETED),
				administration("in-progress", MedicationAdministrationStatus.INPROGRESS),
				administration("stopped", MedicationAdministrationStatus.STOPPED),
				administration("not-done", MedicationAdministrationStatus.NOTDONE),
				administration("error", MedicationAdministrationStatus.ENTEREDINERROR),
				administration("on-hold", MedicationAdministrationStatus.ONHOLD));
		assertThat(facts.administrations()).extracting(PatientFacts.Administration::id).containsExactly(
				"MedicationAdministration/completed", "MedicationAdministration/in-progress", "MedicationAdministration/stopped");
	}

	@Test
	void theAdministrationBeingWrittenAlwaysCountsOnMa() {
		var writing = administration("writing", MedicationAdministrationStatus.NOTDONE);
		assertThat(assemble(Hook.ADMINISTRATION, List.of(), List.of(writing)).administrations())
				.extracting(PatientFacts.Administration::id).containsExactly("MedicationAdministration/writing");
		assertThat(assemble(Hook.ORDER_SIGN, List.of(administration("stored", MedicationAdministrationStatus.NOTDONE)), List.of())
				.administrations()).isEmpty();
	}

	@Test
	void storedOrdersCountWhenActiveOrCompletedAndLotsMadeFromThePatient() {
		PatientFacts facts = record(order("active", MedicationRequestStatus.ACTIVE), order("completed", MedicationRequestStatus.COMPLETED),
				order("cancelled", MedicationRequestStatus.CANCELLED), order("error", MedicationRequestStatus.ENTEREDINERROR),
				order("draft", MedicationRequestStatus.DRAFT), lot("own", "Patient/p1"), lot("other", "Patient/p2"), lot("unnamed", null));
		assertThat(facts.stemiracOnRecord()).containsExactly("MedicationRequest/active", "MedicationRequest/completed", "Medication/own");
	}

	@Test
	void aDraftOrderIsNotOnRecord() {
		assertThat(assemble(Hook.ORDER_SIGN, List.of(), List.of(order("draft", MedicationRequestStatus.ACTIVE))).stemiracOnRecord()).isEmpty();
	}

	@Test
	void consentCountsActiveWithPermitOrNoTypeRefusalIsDenyOrRejected() {
		PatientFacts facts = record(consent("permit", Consent.ConsentState.ACTIVE, Consent.ConsentProvisionType.PERMIT),
				consent("untyped", Consent.ConsentState.ACTIVE, null),
				consent("deny", Consent.ConsentState.ACTIVE, Consent.ConsentProvisionType.DENY),
				consent("rejected", Consent.ConsentState.REJECTED, Consent.ConsentProvisionType.PERMIT),
				consent("proposed", Consent.ConsentState.PROPOSED, Consent.ConsentProvisionType.PERMIT),
				consent("inactive", Consent.ConsentState.INACTIVE, Consent.ConsentProvisionType.PERMIT));
		assertThat(facts.paperwork().stemiracConsents()).containsExactly("Consent/permit", "Consent/untyped");
		assertThat(facts.paperwork().consentRefusals()).containsExactly("Consent/deny", "Consent/rejected");
	}

	@Test
	void aConsentToSomethingElseIsNeitherConsentNorRefusal() {
		Consent other = consent("other", Consent.ConsentState.ACTIVE, Consent.ConsentProvisionType.DENY);
		other.getProvision().getCode().clear();
		other.getProvision().addCode(concept(SNOMED, "182832007"));
		PatientFacts facts = record(other);
		assertThat(facts.paperwork().stemiracConsents()).isEmpty();
		assertThat(facts.paperwork().consentRefusals()).isEmpty();
	}

	@Test
	void aNestedStemiracProvisionDecides() {
		Consent consent = withId(new Consent(), "nested");
		consent.setStatus(Consent.ConsentState.ACTIVE);
		consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT).addProvision()
				.setType(Consent.ConsentProvisionType.DENY).addCode(new CodeableConcept().setText("ステミラック注の投与"));
		assertThat(record(consent).paperwork().consentRefusals()).containsExactly("Consent/nested");
	}

	private static Condition condition(String id, String verification) {
		Condition condition = withId(new Condition(), id);
		if (verification != null) condition.setVerificationStatus(concept(VERIFICATION, verification));
		condition.setCode(concept(ICD10, "S14.1"));
		return condition;
	}

	private static AllergyIntolerance allergy(String id, String verification, String clinical) {
		AllergyIntolerance allergy = withId(new AllergyIntolerance(), id);
		if (verification != null) allergy.setVerificationStatus(concept(ALLERGY_VERIFICATION, verification));
		if (clinical != null) allergy.setClinicalStatus(concept(ALLERGY_CLINICAL, clinical));
		allergy.setCode(stemiracCode());
		return allergy;
	}

	private static Observation weight(String id, ObservationStatus status) {
		Observation weight = observation(id, FhirCodes.BODY_WEIGHT, status, "2026-11-24T08:00:00+09:00");
		weight.setValue(ucum(60, "kg"));
		return weight;
	}

	private static Procedure collection(String id, Procedure.ProcedureStatus status) {
		Procedure procedure = withId(new Procedure(), id);
		procedure.setStatus(status);
		procedure.setCode(concept(FhirCodes.PROCEDURE_SYSTEM, FhirCodes.BONE_MARROW));
		return procedure;
	}

	private static Consent consent(String id, Consent.ConsentState status, Consent.ConsentProvisionType type) {
		Consent consent = withId(new Consent(), id);
		consent.setStatus(status);
		consent.getProvision().setType(type).addCode(stemiracCode());
		return consent;
	}
}
