package org.stemiraccds.cds.writes;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import org.stemiraccds.fhir.FhirServerInterceptor;
import org.stemiraccds.cds.GuidelineEvaluation;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.cds.facts.FactsAssembler;
import org.stemiraccds.cds.facts.Resources;
import org.stemiraccds.cds.facts.FhirCodes;
import org.stemiraccds.cds.record.PatientRecordLoader;
import org.stemiraccds.cds.cards.DetectedIssueRenderer;

/**
 * Writing a STEMIRAC MedicationAdministration runs the rules as of its effective time (rules.md "MA"). The
 * findings are stored, in the same transaction, as DetectedIssues implicating it (those of an earlier
 * version are deleted) and are added as issues to the write's OperationOutcome (the response body with
 * {@code Prefer: return=OperationOutcome}). The administration is never refused for a finding: it records
 * what happened.
 */
@Component
public class AdministrationRules implements FhirServerInterceptor {
	private static final String FINDINGS = AdministrationRules.class.getName() + ".findings";

	private final PatientRecordLoader loader;
	private final GuidelineEvaluation evaluation;
	private final DetectedIssueRenderer renderer;
	private final DaoRegistry daoRegistry;

	public AdministrationRules(PatientRecordLoader loader, GuidelineEvaluation evaluation, DetectedIssueRenderer renderer,
			DaoRegistry daoRegistry) {
		this.loader = loader;
		this.evaluation = evaluation;
		this.renderer = renderer;
		this.daoRegistry = daoRegistry;
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		if (resource instanceof MedicationAdministration administration) evaluate(administration, request);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		if (resource instanceof MedicationAdministration administration) evaluate(administration, request);
	}

	/** The findings of this request's administration as issues of the OperationOutcome it returns. */
	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean outgoing(RequestDetails request, ResponseDetails response) {
		@SuppressWarnings("unchecked")
		List<DetectedIssue> findings = (List<DetectedIssue>) request.getUserData().get(FINDINGS);
		if (findings != null && response.getResponseResource() instanceof OperationOutcome outcome) {
			findings.forEach(issue -> outcome.addIssue()
					.setSeverity(issue.getSeverity() == DetectedIssue.DetectedIssueSeverity.HIGH
							? OperationOutcome.IssueSeverity.WARNING : OperationOutcome.IssueSeverity.INFORMATION)
					.setCode(OperationOutcome.IssueType.BUSINESSRULE)
					.setDetails(issue.getCode())
					.setDiagnostics(issue.getDetail())
					.addExpression("MedicationAdministration"));
		}
		return true;
	}

	private void evaluate(MedicationAdministration administration, RequestDetails request) {
		if (!administration.getSubject().getReferenceElement().getResourceType().equals("Patient")
				|| !administration.hasEffectiveDateTimeType()) {
			return;
		}
		IdType patientId = new IdType(administration.getSubject().getReference()).toUnqualifiedVersionless();
		String self = FactsAssembler.id(administration);
		PatientRecordLoader.Record record = loader.load(patientId, List.of(administration), request);
		List<Resource> others = record.resources().stream().filter(r -> !FactsAssembler.id(r).equals(self)).toList();
		if (!FactsAssembler.isStemirac(administration.getMedication(), new Resources(concat(others, administration)))) return;
		Instant effective = administration.getEffectiveDateTimeType().getValue().toInstant();
		List<Finding> findings = evaluation.evaluate(new FactsAssembler.Input(
				org.stemiraccds.guideline.Hook.ADMINISTRATION, effective, record.patient(), others, List.of(administration))).findings();
		deletePreviousFindings(self, request);
		List<DetectedIssue> stored = new ArrayList<>();
		for (Finding finding : findings) {
			DetectedIssue issue = renderer.render(finding, FactsAssembler.id(record.patient()), effective, Locale.JAPANESE);
			if (issue.getImplicated().stream().noneMatch(r -> r.getReference().equals(self))) issue.addImplicated(new Reference(self));
			daoRegistry.getResourceDao(DetectedIssue.class).create(issue, request);
			stored.add(issue);
		}
		request.getUserData().put(FINDINGS, stored);
	}

	private void deletePreviousFindings(String administration, RequestDetails request) {
		IFhirResourceDao<DetectedIssue> issues = daoRegistry.getResourceDao(DetectedIssue.class);
		SearchParameterMap previous = SearchParameterMap.newSynchronous("implicated", new ReferenceParam(administration));
		issues.searchForResources(previous, request).stream()
				.map(DetectedIssue.class::cast)
				.filter(issue -> FhirCodes.RULE_SYSTEM.equals(issue.getCode().getCodingFirstRep().getSystem()))
				.forEach(issue -> issues.delete(issue.getIdElement().toUnqualifiedVersionless(), request));
	}

	private static List<Resource> concat(List<Resource> record, Resource resource) {
		List<Resource> all = new ArrayList<>(record);
		all.add(resource);
		return all;
	}
}
