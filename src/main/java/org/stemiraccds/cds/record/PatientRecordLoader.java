package org.stemiraccds.cds.record;

import static org.stemiraccds.cds.facts.FhirCodes.LOINC;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.ResourceSearch;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionCallback;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.facts.FhirCodes;

/**
 * Reads from this server's database what the rules need about one patient: the patient, one search per
 * resource type the rules read ({@link #RECORD_SEARCHES}), each read to its last match, plus what the orders
 * and administrations point at (the lot's Medication, the physician's PractitionerRole, Practitioner and
 * Organization). Nothing is capped: a long history is read whole, so no rule runs on part of a record.
 * The searches work inside a write's database transaction too (the administration hook runs there) and see
 * what that transaction has written so far. Otherwise a record is read in one read-only transaction: one
 * connection and one persistence context for its dozen searches and reads, instead of a transaction each.
 */
@Component
public class PatientRecordLoader {
	/** The Observation codes the facts read (AIS, weight, height, haemoglobin, blood pressure), as a token list. */
	public static final String OBSERVATION_CODES = FhirCodes.OBSERVATION_CODES.stream().sorted()
			.map(code -> LOINC + "|" + code)
			.collect(Collectors.joining(","));

	/** Stands for the patient's id (without "Patient/") in {@link #RECORD_SEARCHES}. */
	private static final String PATIENT = "{patient}";

	/**
	 * The patient's record, one search per resource type the rules read; {@value #PATIENT} is the patient's id.
	 * The CDS Hooks prefetch templates ask for the same types and Observation codes, by the {@code patient}
	 * parameter; the lots made from the patient are found here by our own parameter {@code autologous-source}.
	 */
	private static final List<String> RECORD_SEARCHES = List.of(
			"Condition?subject=Patient/" + PATIENT,
			"AllergyIntolerance?patient=Patient/" + PATIENT,
			"Observation?subject=Patient/" + PATIENT + "&code=" + OBSERVATION_CODES,
			"Procedure?subject=Patient/" + PATIENT,
			"ServiceRequest?subject=Patient/" + PATIENT,
			"MedicationAdministration?subject=Patient/" + PATIENT,
			"MedicationRequest?subject=Patient/" + PATIENT,
			"Consent?patient=Patient/" + PATIENT,
			"EpisodeOfCare?patient=Patient/" + PATIENT,
			"AdverseEvent?subject=Patient/" + PATIENT,
			"Medication?autologous-source=Patient/" + PATIENT);

	/** What {@link ReferencedResources} reads by id (the lot, the order, the physician's role and organisation). */
	private static final List<String> REFERENCED_TYPES = List.of(
			"Patient", "Medication", "MedicationRequest", "PractitionerRole", "Practitioner", "Organization");

	private final DaoRegistry daoRegistry;
	private final MatchUrlService matchUrls;
	private final RecordReadRights rights;
	private final IHapiTransactionService transactions;

	public PatientRecordLoader(DaoRegistry daoRegistry, MatchUrlService matchUrls, RecordReadRights rights,
			IHapiTransactionService transactions) {
		this.daoRegistry = daoRegistry;
		this.matchUrls = matchUrls;
		this.rights = rights;
		this.transactions = transactions;
	}

	/** {@link #RECORD_SEARCHES} for one patient. */
	private static List<String> recordSearches(String patientId) {
		return RECORD_SEARCHES.stream().map(search -> search.replace(PATIENT, patientId)).toList();
	}

	/**
	 * The patient (404 when unknown) and their record, with what the given draft orders reference. The caller
	 * must have the rights to read all of it (403 before anything is read otherwise).
	 */
	public Record load(IdType patientId, List<Resource> draftOrders, RequestDetails request) {
		IdType id = new IdType("Patient", patientId.getIdPart());
		requireRecordRights(id.getIdPart());
		return inOneTransaction(request, () -> loadRecord(id, draftOrders, request));
	}

	private Record loadRecord(IdType id, List<Resource> draftOrders, RequestDetails request) {
		Patient patient = read(id, request).map(Patient.class::cast).orElseThrow(() -> new ResourceNotFoundException(id));
		List<Resource> record = new ArrayList<>();
		recordSearches(id.getIdPart()).forEach(search -> record.addAll(search(search, request)));
		record.addAll(ReferencedResources.missingFrom(record, draftOrders, Optional.empty(), source(request)));
		return new Record(patient, record);
	}

	public record Record(Patient patient, List<Resource> resources) {}

	/**
	 * {@code reads} (this loader's searches and reads, as {@code request}) in one read-only database transaction,
	 * or in the caller's transaction when there is one: each DAO call then joins it rather than opening and
	 * committing its own.
	 */
	public <T> T inOneTransaction(RequestDetails request, Supplier<T> reads) {
		return transactions.withRequest(request).readOnly().execute((TransactionCallback<T>) status -> {
			T result = reads.get();
			// A read that finds nothing (a reference to a resource not stored) marks the transaction rollback-only;
			// ours only read, so it ends in a rollback rather than failing its commit. (HAPI passes no status when the
			// reads join a transaction already open: that one is the caller's to end.)
			if (status != null && status.isNewTransaction()) status.setRollbackOnly();
			return result;
		});
	}

	private void requireRecordRights(String patientId) {
		RECORD_SEARCHES.forEach(search -> rights.require(search.substring(0, search.indexOf('?')), 's', patientId));
		REFERENCED_TYPES.forEach(type -> rights.require(type, 'r', patientId));
		rights.require("PractitionerRole", 's', patientId);
	}

	/**
	 * Every match of one search ("Type?param=value&…"), read to the end. HAPI's DAO search would apply the
	 * server's page size to a request from the REST endpoint (and its result cannot then be read whole);
	 * searchForResources streams all matches, with no count, in the caller's transaction when there is one.
	 */
	public List<Resource> search(String url, RequestDetails request) {
		ResourceSearch search = matchUrls.getResourceSearch(url);
		rights.requireType(search.getResourceName(), 's');
		List<Resource> found = daoRegistry.getResourceDao(search.getResourceName())
				.searchForResources(search.getSearchParameterMap(), request).stream()
				.map(Resource.class::cast)
				.toList();
		found.forEach(rights::requireVisible);
		return found;
	}

	/**
	 * This server's database as the source of referenced resources, read as the given request with the
	 * caller's rights: the types it may be asked for are checked now, before anything is read.
	 */
	public ResourceSource source(RequestDetails request) {
		REFERENCED_TYPES.forEach(type -> rights.requireType(type, 'r'));
		rights.requireType("PractitionerRole", 's');
		return new ResourceSource() {
			@Override
			public Optional<Resource> read(IdType id) {
				return PatientRecordLoader.this.read(id, request);
			}

			@Override
			public List<Resource> rolesOf(IdType practitioner) {
				return search("PractitionerRole?practitioner=" + practitioner.getValue(), request);
			}
		};
	}

	/** A resource of this server by "Type/id", or empty when it does not exist. */
	public Optional<Resource> read(IdType id, RequestDetails request) {
		if (!daoRegistry.isResourceTypeSupported(id.getResourceType())) return Optional.empty();
		rights.requireType(id.getResourceType(), 'r');
		try {
			Resource resource = (Resource) daoRegistry.getResourceDao(id.getResourceType()).read(id, request);
			rights.requireVisible(resource);
			return Optional.of(resource);
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return Optional.empty();
		}
	}
}
