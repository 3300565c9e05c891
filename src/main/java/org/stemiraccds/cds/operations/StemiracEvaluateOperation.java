package org.stemiraccds.cds.operations;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.stemiraccds.fhir.FhirServerOperation;
import org.stemiraccds.cds.GuidelineEvaluation;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.cds.facts.FactsAssembler;
import org.stemiraccds.cds.record.PatientRecordLoader;
import org.stemiraccds.cds.hooks.StemiracHookServices;
import org.stemiraccds.cds.cards.RuleTexts;
import org.stemiraccds.cds.cards.DetectedIssueRenderer;

/**
 * Patient/{id}/$stemirac-evaluate: the guideline's rules for systems that do not speak CDS Hooks. Optional
 * {@code order} (a MedicationRequest or ServiceRequest, not stored) and {@code hook} (patient-view,
 * order-select, order-sign; default order-sign with an order, patient-view without) and {@code at} (the
 * moment to evaluate at, e.g. the planned infusion; default now). Returns each finding
 * as a DetectedIssue ({@code issue}) and the claim remarks text ({@code claimRemarks}).
 */
@Component
public class StemiracEvaluateOperation implements FhirServerOperation {
	/** Hook name → hook, the names the CDS Hooks services answer to. */
	private static final Map<String, Hook> HOOKS = StemiracHookServices.HOOK_NAMES.entrySet().stream()
			.collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));

	private final PatientRecordLoader loader;
	private final GuidelineEvaluation evaluation;
	private final DetectedIssueRenderer renderer;

	public StemiracEvaluateOperation(PatientRecordLoader loader, GuidelineEvaluation evaluation, DetectedIssueRenderer renderer) {
		this.loader = loader;
		this.evaluation = evaluation;
		this.renderer = renderer;
	}

	@Operation(name = "$stemirac-evaluate", typeName = "Patient", idempotent = false)
	public Parameters evaluate(
			@IdParam IdType patientId,
			@OperationParam(name = "order", min = 0, max = 1) IBaseResource order,
			@OperationParam(name = "hook", min = 0, max = 1) CodeType hook,
			@OperationParam(name = "at", min = 0, max = 1) DateTimeType at,
			RequestDetails request) {
		List<Resource> draftOrders = draftOrders(order);
		Hook evaluatedAt = hook(hook, !draftOrders.isEmpty());
		Instant now = at == null || at.isEmpty() ? Instant.now() : at.getValue().toInstant();
		PatientRecordLoader.Record record = loader.load(patientId, draftOrders, request);
		List<Finding> findings = evaluation.evaluate(
				new FactsAssembler.Input(evaluatedAt, now, record.patient(), record.resources(), draftOrders)).findings();
		Locale locale = RuleTexts.locale(request.getHeader("Accept-Language"));
		Parameters result = new Parameters();
		String patient = FactsAssembler.id(record.patient());
		findings.forEach(f -> result.addParameter().setName("issue").setResource(renderer.render(f, patient, now, locale)));
		result.addParameter().setName("claimRemarks").setValue(new StringType(renderer.claimRemarks(findings)));
		return result;
	}

	private static List<Resource> draftOrders(IBaseResource order) {
		if (order == null) return List.of();
		if (!(order instanceof MedicationRequest) && !(order instanceof ServiceRequest)) {
			throw new InvalidRequestException("order は MedicationRequest か ServiceRequest です / order must be a "
					+ "MedicationRequest or ServiceRequest, not " + ((Resource) order).fhirType());
		}
		Resource draft = (Resource) order;
		if (!draft.hasId()) draft.setId("draft-order");
		return List.of(draft);
	}

	private static Hook hook(CodeType hook, boolean hasOrder) {
		if (hook == null || hook.isEmpty()) return hasOrder ? Hook.ORDER_SIGN : Hook.PATIENT_VIEW;
		Hook known = HOOKS.get(hook.getValue());
		if (known == null) {
			throw new InvalidRequestException("未知のフック / unknown hook: " + hook.getValue() + " (use " + HOOKS.keySet() + ")");
		}
		return known;
	}
}
