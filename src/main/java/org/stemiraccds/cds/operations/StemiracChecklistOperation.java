package org.stemiraccds.cds.operations;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.GuidelineEvaluation;
import org.stemiraccds.cds.cards.DetectedIssueRenderer;
import org.stemiraccds.cds.checklist.Checklist;
import org.stemiraccds.cds.checklist.ChecklistBuilder;
import org.stemiraccds.cds.facts.FactsAssembler;
import org.stemiraccds.cds.record.PatientRecordLoader;
import org.stemiraccds.fhir.FhirServerOperation;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.Guideline;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.rules.process.ProClaimRemarks;

/**
 * Patient/{id}/$stemirac-checklist (GET or POST, optional {@code at}): the patient's STEMIRAC checklist for
 * the SMART app, as Parameters. The record is read like $stemirac-evaluate's, with the caller's rights; every
 * rule of the catalogue appears once ({@code rule}: id, section, severity, result).
 */
@Component
public class StemiracChecklistOperation implements FhirServerOperation {
	public static final String NAME = "$stemirac-checklist";

	private final PatientRecordLoader loader;
	private final GuidelineEvaluation evaluation;
	private final DetectedIssueRenderer renderer;
	private final GuidelineSettings settings;
	private final ChecklistBuilder builder;
	private final Clock clock;

	/** @param clock the hooks' "now" (stemirac.cds.fixed-time replays a dated record, as on the cards) */
	public StemiracChecklistOperation(PatientRecordLoader loader, GuidelineEvaluation evaluation,
			DetectedIssueRenderer renderer, GuidelineSettings settings, Clock clock) {
		this.loader = loader;
		this.evaluation = evaluation;
		this.renderer = renderer;
		this.settings = settings;
		this.builder = new ChecklistBuilder(Guideline.standard(), settings);
		this.clock = clock;
	}

	@Operation(name = NAME, typeName = "Patient", idempotent = true)
	public Parameters checklist(
			@IdParam IdType patientId,
			@OperationParam(name = "at", min = 0, max = 1) DateTimeType at,
			RequestDetails request) {
		Instant now = at == null || at.isEmpty() ? clock.instant() : at.getValue().toInstant();
		PatientRecordLoader.Record record = loader.load(patientId, List.of(), request);
		GuidelineEvaluation.Result result = evaluation.evaluate(
				new FactsAssembler.Input(Hook.PATIENT_VIEW, now, record.patient(), record.resources(), List.of()));
		Checklist checklist = builder.build(result.facts(), result.findings(), claimRemarks(result.facts()));
		return parameters(checklist);
	}

	/**
	 * The remarks a claim for this patient would carry (insurance notice (3)): PRO-CLAIM-REMARKS read as on an
	 * administration, since on the record as it stands no STEMIRAC order is being decided.
	 */
	private String claimRemarks(PatientFacts facts) {
		if (!Guideline.inScope(facts, settings)) return "";
		List<Finding> remarks = new ProClaimRemarks().evaluate(facts.withHook(Hook.ADMINISTRATION), settings).stream().toList();
		return renderer.claimRemarks(remarks);
	}

	static Parameters parameters(Checklist checklist) {
		Parameters out = new Parameters();
		out.addParameter().setName("eligibility").setValue(code(checklist.eligibility().name()));
		checklist.aisGrade().ifPresent(grade -> out.addParameter().setName("aisGrade").setValue(new StringType(grade)));
		checklist.injuryDate().ifPresent(date -> out.addParameter().setName("injuryDate").setValue(new DateType(date.toString())));
		checklist.day().ifPresent(day -> out.addParameter().setName("day").setValue(new IntegerType(day.intValue())));
		out.addParameter().setName("marrowLastDay").setValue(new IntegerType(checklist.marrowLastDay()));
		checklist.daysToMarrowTarget().ifPresent(left -> out.addParameter().setName("daysToMarrowTarget").setValue(new IntegerType(left.intValue())));
		ParametersParameterComponent window = out.addParameter().setName("infusionWindow");
		window.addPart().setName("plannedFirst").setValue(new IntegerType(checklist.infusionWindow().plannedFirst()));
		window.addPart().setName("plannedLast").setValue(new IntegerType(checklist.infusionWindow().plannedLast()));
		window.addPart().setName("observedFirst").setValue(new IntegerType(checklist.infusionWindow().observedFirst()));
		window.addPart().setName("observedLast").setValue(new IntegerType(checklist.infusionWindow().observedLast()));
		out.addParameter().setName("marrowCollection").setValue(code(checklist.marrowCollection().name()));
		out.addParameter().setName("consent").setValue(code(checklist.consent().name()));
		out.addParameter().setName("inScope").setValue(new BooleanType(checklist.inScope()));
		for (Checklist.RuleRow row : checklist.rules()) {
			ParametersParameterComponent rule = out.addParameter().setName("rule");
			rule.addPart().setName("id").setValue(new CodeType(row.id()));
			rule.addPart().setName("section").setValue(new StringType(row.section()));
			rule.addPart().setName("severity").setValue(new CodeType(row.severity()));
			rule.addPart().setName("result").setValue(new CodeType(row.result().code()));
		}
		out.addParameter().setName("claimRemarks").setValue(new StringType(checklist.claimRemarks()));
		return out;
	}

	/** ELIGIBLE → eligible, NOT_ELIGIBLE → not-eligible: FHIR code style. */
	private static CodeType code(String constant) {
		return new CodeType(constant.toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
	}
}
