package org.stemiraccds.cds.hooks;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestJson;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.hapi.fhir.cdshooks.api.CdsPrefetchFailureMode;
import ca.uhn.hapi.fhir.cdshooks.api.CdsResolutionStrategyEnum;
import ca.uhn.hapi.fhir.cdshooks.api.ICdsServiceRegistry;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseJson;
import ca.uhn.hapi.fhir.cdshooks.svc.prefetch.CdsPrefetchDaoSvc;
import ca.uhn.hapi.fhir.cdshooks.svc.prefetch.CdsPrefetchFhirClientSvc;
import ca.uhn.hapi.fhir.cdshooks.svc.prefetch.PrefetchTemplateUtil;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.GuidelineEvaluation;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.CollectionStatus;
import org.stemiraccds.cds.facts.FactsAssembler;
import org.stemiraccds.cds.record.PatientRecordLoader;
import org.stemiraccds.cds.record.ReferencedResources;
import org.stemiraccds.cds.cards.CardRenderer;
import org.stemiraccds.cds.cards.CardSuggestions;
import org.stemiraccds.cds.feedback.IssuedCards;

/**
 * The three CDS Hooks services, registered with HAPI's CDS Hooks registry (discovery). Each call: request →
 * FHIR resources (the prefetch; keys missing from it read with HAPI's prefetch services from this server's
 * database, or from the request's fhirServer with its bearer token) → facts → findings → cards.
 */
@Component
public class StemiracHookServices {
	/** Service id → the hook it answers. */
	public static final Map<String, Hook> SERVICES = Map.of(
			"stemirac-patient-view", Hook.PATIENT_VIEW,
			"stemirac-order-select", Hook.ORDER_SELECT,
			"stemirac-order-sign", Hook.ORDER_SIGN);
	public static final Map<Hook, String> HOOK_NAMES = Map.of(
			Hook.PATIENT_VIEW, "patient-view", Hook.ORDER_SELECT, "order-select", Hook.ORDER_SIGN, "order-sign");
	static final String PATIENT_KEY = "patient";
	private static final String GROUP = "stemirac";

	private final FhirContext fhirContext;
	private final PatientRecordLoader database;
	private final CdsPrefetchDaoSvc databasePrefetch;
	private final CdsPrefetchFhirClientSvc clientPrefetch;
	private final GuidelineEvaluation evaluation;
	private final CardRenderer cards;
	private final IssuedCards issued;
	private final Clock clock;
	private final Map<String, String> prefetch = prefetchTemplates();

	public StemiracHookServices(ICdsServiceRegistry registry, FhirContext fhirContext, PatientRecordLoader database,
			CdsPrefetchDaoSvc databasePrefetch, CdsPrefetchFhirClientSvc clientPrefetch, GuidelineEvaluation evaluation, CardRenderer cards, IssuedCards issued, Clock clock) {
		this.fhirContext = fhirContext;
		this.database = database;
		this.databasePrefetch = databasePrefetch;
		this.clientPrefetch = clientPrefetch;
		this.evaluation = evaluation;
		this.cards = cards;
		this.issued = issued;
		this.clock = clock;
		SERVICES.forEach((id, hook) -> registry.registerService(
				id, request -> evaluate(id, hook, request), discovery(id, hook), true, GROUP));
	}

	/**
	 * The prefetch templates: the patient with their record in one search (so neither an EHR nor this server
	 * pages through a search per resource type), and the user's role with its practitioner and organization
	 * (the physician and facility rules). With both, nothing is left to read.
	 */
	static Map<String, String> prefetchTemplates() {
		return Map.of(
				PATIENT_KEY, PatientRecordLoader.recordQuery("{{context.patientId}}"),
				"userRole", "PractitionerRole?_id={{context.userId}}"
						+ "&_include=PractitionerRole:practitioner&_include=PractitionerRole:organization");
	}

	private CdsServiceJson discovery(String id, Hook hook) {
		CdsServiceJson service = new CdsServiceJson()
				.setId(id)
				.setHook(HOOK_NAMES.get(hook))
				.setTitle("STEMIRAC " + HOOK_NAMES.get(hook))
				.setDescription("STEMIRAC 最適使用推進ガイドライン（2019）と保険通知の確認 / STEMIRAC Optimal Use "
						+ "Promotion Guideline (2019) and insurance notice checks at " + HOOK_NAMES.get(hook));
		prefetch.forEach((key, template) -> {
			service.addPrefetch(key, template);
			service.addSource(key, CdsResolutionStrategyEnum.NONE);
			// An OperationOutcome from the client drops the key; evaluate() then reads it itself.
			service.addPrefetchFailureMode(key, CdsPrefetchFailureMode.OMIT);
		});
		return service;
	}

	CdsServiceResponseJson evaluate(String serviceId, Hook hook, CdsServiceRequestJson request) {
		CdsServiceResponseJson response = new CdsServiceResponseJson();
		List<Resource> draftOrders = hook == Hook.PATIENT_VIEW ? List.of() : DraftOrders.of(request, hook);
		if (hook != Hook.PATIENT_VIEW && draftOrders.isEmpty()) return response;
		Function<IdType, Optional<Resource>> reader = reader(request);
		List<Resource> record = record(request);
		Patient patient = patient(request, record, reader);
		Optional<Reference> user = Optional.ofNullable(request.getContext().getString("userId")).map(Reference::new);
		record.addAll(ReferencedResources.missingFrom(record, draftOrders, user, reader));
		Instant now = clock.instant();
		GuidelineEvaluation.Result result = evaluation.evaluate(new FactsAssembler.Input(hook, now, patient, record, draftOrders, user));
		if (hook != Hook.PATIENT_VIEW && !concernsStemiracOrCollection(result.facts())) return response;
		Locale locale = LocaleContextHolder.getLocale();
		String patientReference = FactsAssembler.id(patient);
		CardSuggestions.Context context = new CardSuggestions.Context(patientReference, draftOrders, now);
		for (Finding finding : result.findings()) {
			response.addCard(cards.render(finding, context, locale));
		}
		issued.record(serviceId, patientReference, request.getHookInstance(), response.getCards());
		return response;
	}

	/** Order hooks answer only for draft orders of STEMIRAC or of a marrow or blood collection. */
	private static boolean concernsStemiracOrCollection(PatientFacts facts) {
		return !facts.draftOrders().isEmpty()
				|| facts.collections().stream().anyMatch(c -> c.status() == CollectionStatus.ORDERING);
	}

	/** The context's patient: from the prefetch, else read (a client may prefetch it as a plain read too). */
	private static Patient patient(CdsServiceRequestJson request, List<Resource> record, Function<IdType, Optional<Resource>> reader) {
		String patientId = request.getContext().getString("patientId");
		return record.stream().filter(Patient.class::isInstance).map(Patient.class::cast)
				.filter(p -> p.getIdElement().getIdPart().equals(patientId))
				.findFirst()
				.or(() -> reader.apply(new IdType("Patient", patientId)).filter(Patient.class::isInstance).map(Patient.class::cast))
				.orElseThrow(() -> new CdsHooksError(HttpStatus.NOT_FOUND, "unknown-patient", Map.of("patient", "Patient/" + patientId), null));
	}

	/**
	 * Every resource of the prefetch. A key the client left out, or answered with an OperationOutcome, has
	 * been read by HAPI or is read here; {@code null} means the client has no such data (CDS Hooks 2.0).
	 */
	private List<Resource> record(CdsServiceRequestJson request) {
		List<Resource> record = new ArrayList<>();
		prefetch.forEach((key, template) -> {
			IBaseResource value = request.getPrefetchKeys().contains(key) ? request.getPrefetch(key) : null;
			if (!request.getPrefetchKeys().contains(key) || value instanceof OperationOutcome) {
				value = fetch(request, template);
			}
			addResources(record, value);
		});
		return record;
	}

	private static void addResources(List<Resource> into, IBaseResource value) {
		if (value instanceof Bundle bundle) {
			bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
					.filter(r -> r != null && !(r instanceof OperationOutcome))
					.forEach(into::add);
		} else if (value instanceof Resource resource && !(value instanceof OperationOutcome)) {
			into.add(resource);
		}
	}

	/** One prefetch template, read where the request says the data lives: its fhirServer, else this server. */
	private IBaseResource fetch(CdsServiceRequestJson request, String template) {
		String url = PrefetchTemplateUtil.substituteTemplate(template, request.getContext(), fhirContext);
		try {
			return request.getFhirServer() != null
					? clientPrefetch.resourceFromUrl(request, url)
					: databasePrefetch.resourceFromUrl(url);
		} catch (BaseServerResponseException e) {
			throw new PreconditionFailedException("prefetch " + url + ": " + e.getMessage());
		}
	}

	/** Reads one resource by id where the request says the data lives; empty when it does not exist. */
	private Function<IdType, Optional<Resource>> reader(CdsServiceRequestJson request) {
		if (request.getFhirServer() == null) return id -> database.read(id, new SystemRequestDetails());
		IGenericClient client = fhirContext.newRestfulGenericClient(request.getFhirServer());
		if (request.getServiceRequestAuthorizationJson() != null
				&& request.getServiceRequestAuthorizationJson().getAccessToken() != null) {
			client.registerInterceptor(new BearerTokenAuthInterceptor(
					request.getServiceRequestAuthorizationJson().getAccessToken()));
		}
		return id -> {
			try {
				return Optional.of((Resource) client.read().resource(id.getResourceType()).withId(id.getIdPart()).execute());
			} catch (ResourceNotFoundException | ResourceGoneException e) {
				return Optional.empty();
			} catch (BaseServerResponseException e) {
				throw new PreconditionFailedException("read " + id.getValue() + ": " + e.getMessage());
			}
		};
	}

	/** context.draftOrders (a Bundle): its MedicationRequests and ServiceRequests; order-select keeps the selections. */
	static final class DraftOrders {
		private DraftOrders() {}

		static List<Resource> of(CdsServiceRequestJson request, Hook hook) {
			Object draftOrders = request.getContext().get("draftOrders");
			if (!(draftOrders instanceof Bundle bundle)) {
				throw new InvalidRequestException("context.draftOrders must be a FHIR Bundle");
			}
			List<String> selections = hook == Hook.ORDER_SELECT ? selections(request) : List.of();
			List<Resource> orders = new ArrayList<>();
			for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
				Resource order = entry.getResource();
				if (!(order instanceof MedicationRequest) && !(order instanceof ServiceRequest)) continue;
				if (!order.getIdElement().hasIdPart()) order.setId("draft-" + orders.size());
				if (hook == Hook.ORDER_SELECT && !selections.contains(FactsAssembler.id(order))) continue;
				orders.add(order);
			}
			return orders;
		}

		private static List<String> selections(CdsServiceRequestJson request) {
			Object selections = request.getContext().get("selections");
			if (!(selections instanceof List<?> list) || list.stream().anyMatch(s -> !(s instanceof String))) {
				throw new InvalidRequestException("context.selections must be an array of \"Type/id\" strings");
			}
			return list.stream().map(String.class::cast).toList();
		}
	}
}
