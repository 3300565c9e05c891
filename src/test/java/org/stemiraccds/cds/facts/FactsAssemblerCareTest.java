package org.stemiraccds.cds.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stemiraccds.cds.facts.Fhir.*;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationAdministration.MedicationAdministrationStatus;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.stemiraccds.cds.record.ReferencedResources;
import org.stemiraccds.cds.record.ResourceSource;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.BloodPressure;
import org.stemiraccds.guideline.PatientFacts.Physician;
import org.stemiraccds.guideline.PatientFacts.Referral;

/** Blood pressure readings (§5 safety ②; the rule catalogue's Revision 2), the responsible physician (§4 ①-2), referrals and partners (§4 ①-5). */
class FactsAssemblerCareTest {
	private static final String AT = "2026-11-24T08:00:00+09:00";

	@Test
	void separateSystolicAndDiastolicReadingsPairUpByTime() {
		PatientFacts facts = record(reading("s1", FhirCodes.SYSTOLIC, 150, AT), reading("d1", FhirCodes.DIASTOLIC, 95, AT),
				reading("s2", FhirCodes.SYSTOLIC, 120, "2026-11-23T08:00:00+09:00"), reading("d2", FhirCodes.DIASTOLIC, 70, "2026-11-23T09:00:00+09:00"));
		assertThat(facts.vitals().bloodPressures()).containsExactly(
				new BloodPressure("Observation/s1", 150, 95, java.time.OffsetDateTime.parse(AT).toInstant()));
	}

	@Test
	void aPanelCountsWithItsComponents() {
		Observation panel = observation("panel", FhirCodes.BLOOD_PRESSURE_PANEL, ObservationStatus.FINAL, AT);
		panel.addComponent().setCode(concept(LOINC, FhirCodes.SYSTOLIC)).setValue(ucum(130, "mm[Hg]"));
		panel.addComponent().setCode(concept(LOINC, FhirCodes.DIASTOLIC)).setValue(ucum(85, "mm[Hg]"));
		Observation preliminary = panel.copy();
		preliminary.setId("preliminary");
		preliminary.setStatus(ObservationStatus.PRELIMINARY);
		assertThat(record(panel, preliminary).vitals().bloodPressures()).extracting(BloodPressure::id).containsExactly("Observation/panel");
	}

	@Test
	void theRegistryCareManagerIsTheResponsiblePhysician() {
		MedicationRequest order = order("o", MedicationRequest.MedicationRequestStatus.DRAFT).setRequester(new Reference("PractitionerRole/resident"));
		PatientFacts facts = assemble(Hook.ORDER_SIGN, team(registry(EpisodeOfCare.EpisodeOfCareStatus.ACTIVE, "PractitionerRole/chief")), List.of(order));
		assertThat(facts.physician()).map(Physician::id).contains("PractitionerRole/chief");
		assertThat(facts.physician().get().qualifications()).contains("req-a", "manufacturer-training");
		assertThat(facts.facility()).map(PatientFacts.Facility::id).contains("Organization/hospital");
	}

	@Test
	void withoutAnActiveRegistryEpisodeTheRequesterIs() {
		MedicationRequest order = order("o", MedicationRequest.MedicationRequestStatus.DRAFT).setRequester(new Reference("PractitionerRole/resident"));
		PatientFacts facts = assemble(Hook.ORDER_SIGN, team(registry(EpisodeOfCare.EpisodeOfCareStatus.FINISHED, "PractitionerRole/chief")), List.of(order));
		assertThat(facts.physician()).map(Physician::id).contains("PractitionerRole/resident");
		assertThat(facts.physician().get().qualifications()).isEmpty();
	}

	@Test
	void aPractitionerRequesterCountsThroughTheirRoleAtTheOrderingOrganisation() {
		MedicationRequest order = order("o", MedicationRequest.MedicationRequestStatus.DRAFT)
				.setRequester(new Reference("Practitioner/chief")).setPerformer(new Reference("Organization/hospital"));
		PatientFacts facts = assemble(Hook.ORDER_SIGN, team(), List.of(order));
		assertThat(facts.physician()).map(Physician::id).contains("PractitionerRole/chief");
		assertThat(facts.facility()).map(PatientFacts.Facility::id).contains("Organization/hospital");
	}

	@Test
	void aPractitionerWithoutARoleThereCountsAlone() {
		MedicationRequest order = order("o", MedicationRequest.MedicationRequestStatus.DRAFT)
				.setRequester(new Reference("Practitioner/chief")).setPerformer(new Reference("Organization/elsewhere"));
		List<Resource> record = team();
		record.add(withId(new Organization(), "elsewhere"));
		PatientFacts facts = assemble(Hook.ORDER_SIGN, record, List.of(order));
		assertThat(facts.physician()).map(Physician::id).contains("Practitioner/chief");
		assertThat(facts.facility()).map(PatientFacts.Facility::id).contains("Organization/elsewhere");
	}

	@Test
	void onMaTheRequesterOfTheRequestIsThePhysicianNeverTheNursePerformer() {
		MedicationRequest stored = order("o", MedicationRequest.MedicationRequestStatus.ACTIVE).setRequester(new Reference("PractitionerRole/chief"));
		MedicationAdministration writing = administration("a", MedicationAdministrationStatus.COMPLETED);
		writing.addPerformer().setActor(new Reference("PractitionerRole/nurse"));
		List<Resource> record = team();
		record.add(stored);
		assertThat(assemble(Hook.ADMINISTRATION, record, List.of(writing)).physician()).isEmpty();
		writing.setRequest(new Reference("MedicationRequest/o"));
		assertThat(assemble(Hook.ADMINISTRATION, record, List.of(writing)).physician()).map(Physician::id).contains("PractitionerRole/chief");
	}

	@Test
	void theHookUserIsTheLastResort() {
		MedicationRequest order = order("o", MedicationRequest.MedicationRequestStatus.DRAFT);
		assertThat(assemble(Hook.ORDER_SIGN, team(), List.of(order), Optional.of(new Reference("PractitionerRole/resident"))).physician())
				.map(Physician::id).contains("PractitionerRole/resident");
		assertThat(assemble(Hook.ORDER_SIGN, team(), List.of(order)).physician()).isEmpty();
	}

	@Test
	void anActiveReferralToAnOrganisationIsAReferral() {
		ServiceRequest referral = referral("r", ServiceRequest.ServiceRequestStatus.ACTIVE);
		ServiceRequest done = referral("done", ServiceRequest.ServiceRequestStatus.COMPLETED);
		ServiceRequest notReferral = referral("lab", ServiceRequest.ServiceRequestStatus.ACTIVE);
		notReferral.getCategory().clear();
		notReferral.addCategory(concept(SNOMED, "108252007"));
		assertThat(record(referral, done, notReferral).referrals()).containsExactly(new Referral("ServiceRequest/r", "Organization/rehab"));
	}

	@Test
	void item15NamesThePartners() {
		MedicationRequest order = order("o", MedicationRequest.MedicationRequestStatus.DRAFT).setRequester(new Reference("PractitionerRole/chief"));
		PatientFacts facts = assemble(Hook.ORDER_SIGN, team(), List.of(order));
		assertThat(facts.facility().get().partners()).containsExactly("Organization/rehab");
		assertThat(facts.facility().get().requirements()).containsEntry("1-5", true).containsEntry("1-1-1", false);
	}

	@Test
	void referencedResourcesFollowTheAdministrationsRequestAndTheCareManager() {
		List<Resource> stored = team();
		MedicationRequest order = order("o", MedicationRequest.MedicationRequestStatus.ACTIVE).setRequester(new Reference("PractitionerRole/chief"));
		stored.add(order);
		MedicationAdministration writing = administration("a", MedicationAdministrationStatus.COMPLETED).setRequest(new Reference("MedicationRequest/o"));
		List<Resource> found = ReferencedResources.missingFrom(List.of(registry(EpisodeOfCare.EpisodeOfCareStatus.ACTIVE, "PractitionerRole/resident")),
				List.of(writing), Optional.empty(), source(stored));
		assertThat(found).extracting(FactsAssembler::id).contains("MedicationRequest/o", "PractitionerRole/chief", "Practitioner/chief",
				"Organization/hospital", "PractitionerRole/resident", "Practitioner/resident");
	}

	@Test
	void aPractitionerWhoOrdersIsJudgedThroughTheirRoleAtTheOrderingOrganisation() {
		List<Resource> stored = team();
		PractitionerRole elsewhere = role("chief").setOrganization(new Reference("Organization/clinic"));
		elsewhere.setId("chief-clinic");
		stored.addAll(List.of(elsewhere, withId(new Organization(), "clinic")));
		MedicationRequest order = order("o", MedicationRequest.MedicationRequestStatus.DRAFT)
				.setRequester(new Reference("Practitioner/chief")).setPerformer(new Reference("Organization/hospital"));
		List<Resource> found = ReferencedResources.missingFrom(List.of(), List.of(order), Optional.empty(), source(stored));
		assertThat(found).extracting(FactsAssembler::id).as("no reference leads to the roles: they are searched")
				.contains("Practitioner/chief", "PractitionerRole/chief", "PractitionerRole/chief-clinic", "Organization/hospital",
						"Organization/clinic");
		PatientFacts facts = assemble(Hook.ORDER_SIGN, found, List.of(order));
		assertThat(facts.physician().map(PatientFacts.Physician::id)).contains("PractitionerRole/chief");
		assertThat(facts.facility().map(PatientFacts.Facility::id)).contains("Organization/hospital");

		List<Resource> withoutRoles = stored.stream().filter(r -> !(r instanceof PractitionerRole)).toList();
		List<Resource> alone = ReferencedResources.missingFrom(List.of(), List.of(order), Optional.empty(), source(withoutRoles));
		assertThat(assemble(Hook.ORDER_SIGN, alone, List.of(order)).physician().map(PatientFacts.Physician::id))
				.as("a practitioner with no role counts alone").contains("Practitioner/chief");
	}

	/** The given resources as a FHIR server: read by id, and a practitioner's roles by search. */
	private static ResourceSource source(List<Resource> stored) {
		return new ResourceSource() {
			@Override
			public Optional<Resource> read(IdType id) {
				return stored.stream().filter(r -> FactsAssembler.id(r).equals(id.getValue())).findFirst();
			}

			@Override
			public List<Resource> rolesOf(IdType practitioner) {
				return stored.stream().filter(PractitionerRole.class::isInstance)
						.filter(r -> ((PractitionerRole) r).getPractitioner().getReference().equals(practitioner.getValue())).toList();
			}
		};
	}

	private static Observation reading(String id, String loinc, double value, String at) {
		Observation reading = observation(id, loinc, ObservationStatus.FINAL, at);
		reading.setValue(ucum(value, "mm[Hg]"));
		return reading;
	}

	private static EpisodeOfCare registry(EpisodeOfCare.EpisodeOfCareStatus status, String careManager) {
		EpisodeOfCare episode = withId(new EpisodeOfCare(), "registry");
		episode.addIdentifier().setSystem(FhirCodes.REGISTRY_SYSTEM).setValue("REG-1");
		episode.setStatus(status);
		episode.setPatient(new Reference("Patient/p1"));
		episode.setCareManager(new Reference(careManager));
		return episode;
	}

	private static ServiceRequest referral(String id, ServiceRequest.ServiceRequestStatus status) {
		ServiceRequest referral = withId(new ServiceRequest(), id);
		referral.setStatus(status);
		referral.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
		referral.addCategory(concept(SNOMED, "3457005"));
		referral.addPerformer(new Reference("Organization/rehab"));
		return referral;
	}

	/** A qualified chief and an unqualified resident at one hospital, whose item 1-5 names a rehabilitation partner. */
	private static List<Resource> team(Resource... more) {
		Practitioner chief = withId(new Practitioner(), "chief");
		chief.addQualification().setCode(concept(FhirCodes.PHYSICIAN_REQUIREMENT_SYSTEM, "req-a"));
		chief.addQualification().setCode(concept(FhirCodes.PHYSICIAN_REQUIREMENT_SYSTEM, "manufacturer-training"));
		Practitioner resident = withId(new Practitioner(), "resident");
		Organization hospital = withId(new Organization(), "hospital");
		hospital.addExtension(requirement("1-1-1", false, null));
		hospital.addExtension(requirement("1-5", true, "Organization/rehab"));
		List<Resource> team = Fhir.list(chief, resident, hospital, role("chief"), role("resident"), role("nurse"), withId(new Organization(), "rehab"));
		team.addAll(List.of(more));
		return team;
	}

	private static PractitionerRole role(String who) {
		PractitionerRole role = withId(new PractitionerRole(), who);
		role.setPractitioner(new Reference("Practitioner/" + who));
		role.setOrganization(new Reference("Organization/hospital"));
		return role;
	}

	private static Extension requirement(String code, boolean met, String partner) {
		Extension item = new Extension(FhirCodes.FACILITY_REQUIREMENT_EXTENSION);
		item.addExtension("code", new Coding(FhirCodes.FACILITY_REQUIREMENT_SYSTEM, code, null));
		item.addExtension("met", new BooleanType(met));
		if (partner != null) item.addExtension("partner", new Reference(partner));
		return item;
	}
}
