package org.stemiraccds.cds.hooks;

import ca.uhn.fhir.rest.api.server.cdshooks.CdsServiceRequestJson;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.hapi.fhir.cdshooks.api.CdsPrefetchFailureMode;
import ca.uhn.hapi.fhir.cdshooks.api.CdsResolutionStrategyEnum;
import ca.uhn.hapi.fhir.cdshooks.api.ICdsServiceRegistry;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseJson;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.GuidelineEvaluation;
import org.stemiraccds.cds.analytics.AlertAttribution;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.cds.facts.FactsAssembler;
import org.stemiraccds.cds.cards.CardRenderer;
import org.stemiraccds.cds.cards.CardSuggestions;
import org.stemiraccds.cds.feedback.IssuedCards;

/**
 * The three CDS Hooks services, registered with HAPI's CDS Hooks registry (discovery). Each call: request →
 * FHIR resources (the prefetch, completed by HookRecordReader from the request's fhirServer or this server's
 * database) → facts → findings → cards.
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
	private static final String GROUP = "stemirac";

	private final HookRecordReader records;
	private final GuidelineEvaluation evaluation;
	private final CardRenderer cards;
	private final IssuedCards issued;
	private final Clock clock;

	public StemiracHookServices(ICdsServiceRegistry registry, HookRecordReader records, GuidelineEvaluation evaluation,
			CardRenderer cards, IssuedCards issued, Clock clock) {
		this.records = records;
		this.evaluation = evaluation;
		this.cards = cards;
		this.issued = issued;
		this.clock = clock;
		SERVICES.forEach((id, hook) -> registry.registerService(
				id, request -> evaluate(id, hook, request), discovery(id, hook), true, GROUP));
	}

	private CdsServiceJson discovery(String id, Hook hook) {
		CdsServiceJson service = new CdsServiceJson()
				.setId(id)
				.setHook(HOOK_NAMES.get(hook))
				.setTitle("STEMIRAC " + HOOK_NAMES.get(hook))
				.setDescription("STEMIRAC 最適使用推進ガイドライン（2019）と保険通知の確認 / STEMIRAC Optimal Use "
						+ "Promotion Guideline (2019) and insurance notice checks at " + HOOK_NAMES.get(hook));
		PrefetchTemplates.TEMPLATES.forEach((key, template) -> {
			service.addPrefetch(key, template);
			// HAPI's own prefetch stays out of it: HookRecordReader completes the prefetch (tokens, paging).
			service.addSource(key, CdsResolutionStrategyEnum.NONE);
			service.addPrefetchFailureMode(key, CdsPrefetchFailureMode.OMIT);
		});
		return service;
	}

	CdsServiceResponseJson evaluate(String serviceId, Hook hook, CdsServiceRequestJson request) {
		CdsServiceResponseJson response = new CdsServiceResponseJson();
		List<Resource> draftOrders = hook == Hook.PATIENT_VIEW ? List.of() : DraftOrders.of(request, hook);
		if (hook != Hook.PATIENT_VIEW && draftOrders.isEmpty()) return response;
		Optional<Reference> user = Optional.ofNullable(request.getContext().getString("userId")).map(Reference::new);
		HookRecordReader.HookRecord record = records.read(request, draftOrders, user);
		Instant now = clock.instant();
		GuidelineEvaluation.Result result = evaluation.evaluate(
				new FactsAssembler.Input(hook, now, record.patient(), record.resources(), draftOrders, user));
		if (hook != Hook.PATIENT_VIEW && !concernsStemiracOrCollection(result.facts())) return response;
		Locale locale = LocaleContextHolder.getLocale();
		String patientReference = FactsAssembler.id(record.patient());
		CardSuggestions.Context context = new CardSuggestions.Context(patientReference, draftOrders, now, record.unreadPages());
		for (Finding finding : result.findings()) {
			response.addCard(cards.render(finding, context, locale));
		}
		Optional<String> organization = AlertAttribution.organization(result.facts(), record.patient());
		AlertAttribution.remember(organization);
		issued.record(serviceId, patientReference, request.getHookInstance(), organization.orElse(null), response.getCards());
		return response;
	}

	/** Order hooks answer only for draft orders of STEMIRAC or of a marrow or blood collection. */
	private static boolean concernsStemiracOrCollection(PatientFacts facts) {
		return !facts.draftOrders().isEmpty() || !facts.collectionOrders().isEmpty();
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
