package org.stemiraccds.security.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextHolder;
import org.stemiraccds.cds.record.PatientRecordLoader;
import org.stemiraccds.cds.record.RecordReadRights;
import org.stemiraccds.security.Caller;
import org.stemiraccds.security.CallerAuthentication;

/**
 * The record loader reads with the caller's rights: a caller who may not read what the rules need is refused
 * (403) before anything is read. The database is a mock that records every use.
 */
class RecordReadRightsTest {
	private static final FhirContext R4 = FhirContext.forR4Cached();
	private final DaoRegistry daoRegistry = mock(DaoRegistry.class);
	private final MatchUrlService matchUrls = mock(MatchUrlService.class);
	private PatientRecordLoader loader;

	@BeforeEach
	void loader() {
		SecurityOutcomes outcomes = mock(SecurityOutcomes.class);
		when(outcomes.message(anyString(), any(), anyMap())).thenReturn("呼び出し元には読む権限がありません");
		loader = new PatientRecordLoader(daoRegistry, matchUrls, new RecordReadRights(R4, outcomes),
				mock(IHapiTransactionService.class));
	}

	@AfterEach
	void clear() {
		SecurityContextHolder.clearContext();
	}

	private static void callAs(Optional<String> patient, String... scopes) {
		Caller caller = new Caller("https://narrow-ehr.example.org", "ehr", Set.of(scopes), patient, List.of(), false);
		SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(caller));
	}

	@Test
	void aClientAllowedOnlyPatientsIsRefusedTheRecordAndNothingIsRead() {
		callAs(Optional.empty(), "system/Patient.rs");
		assertThatThrownBy(() -> loader.load(new IdType("Patient", "A"), List.of(), new SystemRequestDetails()))
				.isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("権限がありません");
		assertThatThrownBy(() -> loader.source(new SystemRequestDetails())).isInstanceOf(ForbiddenOperationException.class);
		verifyNoInteractions(daoRegistry, matchUrls);
	}

	@Test
	void aPatientScopeIsRefusedAnotherPatientsRecordAndNothingIsRead() {
		callAs(Optional.of("A"), "patient/*.rs");
		assertThatThrownBy(() -> loader.load(new IdType("Patient", "B"), List.of(), new SystemRequestDetails()))
				.isInstanceOf(ForbiddenOperationException.class);
		verifyNoInteractions(daoRegistry, matchUrls);
	}

	@Test
	void noAuthenticationReadsNothing() {
		assertThatThrownBy(() -> loader.load(new IdType("Patient", "A"), List.of(), new SystemRequestDetails()))
				.isInstanceOf(ForbiddenOperationException.class);
		verifyNoInteractions(daoRegistry, matchUrls);
	}

	@Test
	void aPatientScopeDoesNotSeeAnotherPatientsResourceReachedByReference() {
		callAs(Optional.of("A"), "patient/*.rs");
		MedicationRequest ofB = new MedicationRequest().setSubject(new Reference("Patient/B"));
		ofB.setId("MedicationRequest/order-b");
		database("MedicationRequest", ofB);
		assertThatThrownBy(() -> loader.read(new IdType("MedicationRequest", "order-b"), new SystemRequestDetails()))
				.isInstanceOf(ForbiddenOperationException.class);
		MedicationRequest ofA = new MedicationRequest().setSubject(new Reference("Patient/A"));
		ofA.setId("MedicationRequest/order-a");
		database("MedicationRequest", ofA);
		assertThat(loader.read(new IdType("MedicationRequest", "order-a"), new SystemRequestDetails())).contains(ofA);
	}

	@Test
	void aPatientScopeReadsSharedReferenceDataButNoOtherTypeOutsideTheCompartment() {
		callAs(Optional.of("A"), "patient/*.rs");
		org.hl7.fhir.r4.model.Organization hospital = new org.hl7.fhir.r4.model.Organization();
		hospital.setId("Organization/hospital");
		database("Organization", hospital);
		assertThat(loader.read(new IdType("Organization", "hospital"), new SystemRequestDetails())).contains(hospital);
		IFhirResourceDao<?> binaries = database("Binary", new org.hl7.fhir.r4.model.Binary());
		assertThatThrownBy(() -> loader.read(new IdType("Binary", "any"), new SystemRequestDetails()))
				.isInstanceOf(ForbiddenOperationException.class);
		verifyNoInteractions(binaries);
	}

	@Test
	void aClientWithReadRightsReads() {
		callAs(Optional.empty(), "system/*.rs");
		Patient patient = new Patient();
		patient.setId("Patient/A");
		database("Patient", patient);
		assertThat(loader.read(new IdType("Patient", "A"), new SystemRequestDetails())).contains(patient);
	}

	@SuppressWarnings({"unchecked", "rawtypes"})
	private IFhirResourceDao<?> database(String type, org.hl7.fhir.r4.model.Resource resource) {
		IFhirResourceDao dao = mock(IFhirResourceDao.class);
		when(dao.read(any(), any())).thenReturn(resource);
		when(daoRegistry.isResourceTypeSupported(type)).thenReturn(true);
		when(daoRegistry.getResourceDao(type)).thenReturn(dao);
		return dao;
	}
}
