package org.stemiraccds.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.CdsHooksError;
import org.stemiraccds.cds.facts.FactsAssembler;
import org.stemiraccds.cds.record.PatientRecordLoader;
import org.stemiraccds.cds.record.ReferencedResources;
import org.stemiraccds.cds.record.ResourceSource;

/**
 * What a hook call evaluates: the prefetch the EHR sent, completed where it falls short (CDS Hooks 2.0
 * § Prefetch: a key left out, or answered with an OperationOutcome, is the service's to fetch; {@code null}
 * means the EHR has no such data). Keys are read from the request's fhirServer, each by its template; without
 * a fhirServer, the data live in this server's database and the patient's whole record is read from it once.
 * Then what the orders, administrations and the user point at (the lot, the physician's role) is read by
 * reference from the same place.
 */
@Component
public class HookRecordReader {
	private static final Logger log = LoggerFactory.getLogger(HookRecordReader.class);
	private final FhirContext fhirContext;
	private final PatientRecordLoader database;
	private final FhirServerClients fhirServers;

	public HookRecordReader(FhirContext fhirContext, PatientRecordLoader database, FhirServerClients fhirServers) {
		this.fhirContext = fhirContext;
		this.database = database;
		this.fhirServers = fhirServers;
	}

	/**
	 * The patient, the resources the rules read about them, and the next links of searches that were not read
	 * to the end (the page limit, another origin, or a paged prefetch with no fhirServer to read on from).
	 */
	public record HookRecord(Patient patient, List<Resource> resources, List<String> unreadPages) {}

	/** {@code user} is context.userId as a reference: what it points at is read too (the physician's role). */
	HookRecord read(CdsServiceRequestJson request, List<Resource> draftOrders, Optional<Reference> user) {
		Optional<FhirServerClient> server = fhirServers.open(request);
		if (server.isEmpty()) {
			// every read of this call goes to this server's database: in one transaction, not one per read
			return database.inOneTransaction(new SystemRequestDetails(), () -> read(request, draftOrders, user, server));
		}
		try {
			return read(request, draftOrders, user, server);
		} finally {
			server.get().close();
		}
	}

	private HookRecord read(CdsServiceRequestJson request, List<Resource> draftOrders, Optional<Reference> user,
			Optional<FhirServerClient> server) {
		List<String> unread = new ArrayList<>();
		Map<String, Resource> found = new LinkedHashMap<>();
		Set<String> answeredTypes = new HashSet<>();
		boolean missingFromPrefetch = false;
		for (Map.Entry<String, String> template : PrefetchTemplates.TEMPLATES.entrySet()) {
			Optional<String> url = PrefetchTemplates.url(template.getValue(), request.getContext(), fhirContext);
			if (url.isEmpty()) continue; // a token this request cannot fill: no such key (e.g. the user is no PractitionerRole)
			if (sent(request, template.getKey())) {
				addAll(found, sentResources(request.getPrefetch(template.getKey()), server, unread));
				answeredTypes.add(PrefetchTemplates.resourceType(template.getValue()));
			} else if (server.isPresent()) {
				addAll(found, server.get().get(url.get()));
			} else {
				missingFromPrefetch = true;
			}
		}
		String patientId = request.getContext().getString("patientId");
		if (missingFromPrefetch) {
			// the EHR's answer for a key stands (null included): the database fills only the types it left out
			addAll(found, fromDatabase(patientId, draftOrders).stream()
					.filter(r -> !answeredTypes.contains(r.fhirType())).toList());
		}
		ResourceSource source = server.isPresent() ? server.get() : database.source(new SystemRequestDetails());
		List<Resource> resources = new ArrayList<>(found.values());
		Patient patient = patient(patientId, resources, source);
		resources.addAll(ReferencedResources.missingFrom(resources, draftOrders, user, source));
		server.ifPresent(s -> unread.addAll(s.unreadPages()));
		return new HookRecord(patient, resources, unread);
	}

	/** Sent, and not an OperationOutcome (the EHR's query failed: read it again). */
	private static boolean sent(CdsServiceRequestJson request, String key) {
		return request.getPrefetchKeys().contains(key) && !(request.getPrefetch(key) instanceof OperationOutcome);
	}

	/**
	 * A prefetch value's resources. A searchset Bundle with a next link is read on from the fhirServer; with no
	 * fhirServer to read it from, its pages so far are all there is (CDS Hooks 2.0 gives the service no other
	 * way to reach the EHR's data).
	 */
	private static List<Resource> sentResources(IBaseResource value, Optional<FhirServerClient> server, List<String> unread) {
		if (value instanceof Bundle bundle) {
			if (server.isPresent()) return server.get().allPages(bundle);
			FhirServerClient.nextLink(bundle).ifPresent(next -> {
				log.info("Prefetch Bundle has more pages but the request names no fhirServer; using its first page");
				unread.add(next);
			});
			return FhirServerClient.entries(bundle);
		}
		return value instanceof Resource resource ? List.of(resource) : List.of();
	}

	/** The patient's whole record (404 for an unknown patient) from this server's database. */
	private List<Resource> fromDatabase(String patientId, List<Resource> draftOrders) {
		PatientRecordLoader.Record record = database.load(new IdType("Patient", patientId), draftOrders, new SystemRequestDetails());
		List<Resource> resources = new ArrayList<>(record.resources());
		resources.add(0, record.patient());
		return resources;
	}

	/** The context's patient: among the resources, else read by id. */
	private static Patient patient(String patientId, List<Resource> resources, ResourceSource source) {
		return resources.stream().filter(Patient.class::isInstance).map(Patient.class::cast)
				.filter(p -> patientId.equals(p.getIdElement().getIdPart()))
				.findFirst()
				.or(() -> source.read(new IdType("Patient", patientId)).filter(Patient.class::isInstance).map(Patient.class::cast))
				.orElseThrow(() -> new CdsHooksError(HttpStatus.NOT_FOUND, "unknown-patient", Map.of("patient", "Patient/" + patientId), null));
	}

	/** Each resource once, by "Type/id": the first one found wins (the EHR's prefetch before the database). */
	private static void addAll(Map<String, Resource> found, List<Resource> resources) {
		for (Resource resource : resources) {
			String key = resource.getIdElement().hasIdPart() ? FactsAssembler.id(resource) : "#" + System.identityHashCode(resource);
			found.putIfAbsent(key, resource);
		}
	}
}
