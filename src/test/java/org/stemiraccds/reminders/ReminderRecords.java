package org.stemiraccds.reminders;

import java.time.LocalDate;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/** Records in the shapes of our profiles (examples/valid), for the reminder tests. */
final class ReminderRecords {
	static final String BASE = "https://stemirac-cds.org/fhir";
	static final String ROLE = "PractitionerRole/demo-role";

	private ReminderRecords() {}

	static <T extends Resource> T profiled(T resource, String id, String profile) {
		resource.setId(id);
		if (profile != null) resource.getMeta().addProfile(BASE + "/StructureDefinition/" + profile);
		return resource;
	}

	static Patient patient(String id) {
		Patient patient = profiled(new Patient(), id, null);
		patient.setGender(Enumerations.AdministrativeGender.MALE).setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1980-04-01"));
		return patient;
	}

	static Condition injury(String patient, LocalDate onset) {
		Condition sci = profiled(new Condition(), patient + "-sci", "traumatic-sci-condition");
		sci.setClinicalStatus(concept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"));
		sci.setVerificationStatus(concept("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"));
		sci.setCode(concept("http://hl7.org/fhir/sid/icd-10", "S14.1").setText("外傷性頚髄損傷"));
		sci.setSubject(new Reference("Patient/" + patient));
		sci.setOnset(new DateTimeType(onset.toString()));
		return sci;
	}

	/** A Condition that is no spinal cord injury (a wrist fracture). */
	static Condition fracture(String patient, LocalDate onset) {
		Condition fracture = injury(patient, onset);
		fracture.setId(patient + "-fracture");
		fracture.getMeta().getProfile().clear();
		fracture.setCode(concept("http://hl7.org/fhir/sid/icd-10", "S62.5"));
		return fracture;
	}

	static ServiceRequest marrowOrder(String patient, String when) {
		ServiceRequest order = profiled(new ServiceRequest(), patient + "-bm-order", "stemirac-collection-request");
		order.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE).setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
		order.setCode(concept(BASE + "/CodeSystem/stemirac-procedure", "bone-marrow-collection"));
		order.setSubject(new Reference("Patient/" + patient)).setRequester(new Reference(ROLE));
		order.setOccurrence(new DateTimeType(when));
		return order;
	}

	static Procedure marrowDone(String patient, String when) {
		Procedure done = profiled(new Procedure(), patient + "-bm", "stemirac-collection-procedure");
		done.setStatus(Procedure.ProcedureStatus.COMPLETED);
		done.setCode(concept(BASE + "/CodeSystem/stemirac-procedure", "bone-marrow-collection"));
		done.setSubject(new Reference("Patient/" + patient)).setPerformed(new DateTimeType(when));
		return done;
	}

	static Observation ais(String id, String patient, String grade, String when) {
		Observation ais = profiled(new Observation(), id, "ais-observation");
		ais.setStatus(Observation.ObservationStatus.FINAL);
		ais.addCategory(concept("http://terminology.hl7.org/CodeSystem/observation-category", "exam"));
		ais.setCode(concept("http://loinc.org", "97843-7"));
		ais.setSubject(new Reference("Patient/" + patient)).setEffective(new DateTimeType(when));
		ais.setValue(concept(BASE + "/CodeSystem/ais-grade", grade));
		return ais;
	}

	static Medication lot(String patient) {
		Medication lot = profiled(new Medication(), patient + "-lot", "stemirac-medication");
		lot.addExtension(BASE + "/StructureDefinition/autologous-source", new Reference("Patient/" + patient));
		lot.setCode(concept(BASE + "/CodeSystem/stemirac-product", "STEMIRAC"));
		lot.setStatus(Medication.MedicationStatus.ACTIVE);
		lot.getBatch().setLotNumber("STM-" + patient).setExpirationDateElement(new DateTimeType("2027-06-30"));
		return lot;
	}

	/** A STEMIRAC order requested by the demo physician's role, planned at {@code planned}. */
	static MedicationRequest order(String patient, MedicationRequest.MedicationRequestStatus status, String planned) {
		MedicationRequest order = profiled(new MedicationRequest(), patient + "-order", "stemirac-medication-request");
		order.setStatus(status).setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
		order.setMedication(new Reference("Medication/" + patient + "-lot"));
		order.setSubject(new Reference("Patient/" + patient)).setRequester(new Reference(ROLE));
		order.setAuthoredOn(new Date());
		order.addDosageInstruction().setText("生理食塩液で3倍以上に希釈し約0.7〜1.0mL/分で静脈内投与")
				.getTiming().addEventElement().setValueAsString(planned);
		return order;
	}

	static MedicationAdministration given(String patient, String when) {
		MedicationAdministration given = profiled(new MedicationAdministration(), patient + "-given", "stemirac-medication-administration");
		given.setStatus(MedicationAdministration.MedicationAdministrationStatus.COMPLETED);
		given.setMedication(new Reference("Medication/" + patient + "-lot"));
		given.setSubject(new Reference("Patient/" + patient)).setEffective(new DateTimeType(when));
		given.addPerformer().setActor(new Reference(ROLE));
		given.setRequest(new Reference("MedicationRequest/" + patient + "-order"));
		given.getDosage().addExtension(BASE + "/StructureDefinition/dilution-factor", new org.hl7.fhir.r4.model.DecimalType(3));
		given.getDosage().setRoute(concept("http://snomed.info/sct", "47625008"));
		given.getDosage().setDose((org.hl7.fhir.r4.model.SimpleQuantity) new org.hl7.fhir.r4.model.SimpleQuantity()
				.setValue(1.0e8).setUnit("cells").setSystem("http://unitsofmeasure.org").setCode("{cells}"));
		given.getDosage().setRate(new org.hl7.fhir.r4.model.Quantity().setValue(0.8).setUnit("mL/min")
				.setSystem("http://unitsofmeasure.org").setCode("mL/min"));
		return given;
	}

	static EpisodeOfCare registry(String patient) {
		EpisodeOfCare episode = profiled(new EpisodeOfCare(), patient + "-registry", "stemirac-registry-episode");
		episode.addIdentifier().setSystem(BASE + "/sid/patient-registry").setValue("REG-" + patient);
		episode.setStatus(EpisodeOfCare.EpisodeOfCareStatus.ACTIVE);
		episode.setPatient(new Reference("Patient/" + patient)).setCareManager(new Reference(ROLE));
		return episode;
	}

	private static CodeableConcept concept(String system, String code) {
		return new CodeableConcept(new Coding(system, code, null));
	}
}
