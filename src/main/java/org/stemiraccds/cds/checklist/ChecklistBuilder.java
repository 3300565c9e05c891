package org.stemiraccds.cds.checklist;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.stemiraccds.cds.checklist.Checklist.CollectionState;
import org.stemiraccds.cds.checklist.Checklist.ConsentState;
import org.stemiraccds.cds.checklist.Checklist.Eligibility;
import org.stemiraccds.cds.checklist.Checklist.InfusionWindow;
import org.stemiraccds.cds.checklist.Checklist.Result;
import org.stemiraccds.cds.checklist.Checklist.RuleRow;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.Guideline;
import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.Collection;
import org.stemiraccds.guideline.PatientFacts.CollectionKind;
import org.stemiraccds.guideline.PatientFacts.CollectionStatus;
import org.stemiraccds.guideline.rules.indication.IndAisNotEligible;

/**
 * The checklist from one evaluation of the record as it stands (the patient-view hook, no order being
 * decided). Pure: the facts and findings in, the checklist out. Rule ids and sections come from each rule's
 * {@link org.stemiraccds.guideline.RuleDefinition}.
 */
public final class ChecklistBuilder {
	private final Guideline guideline;
	private final GuidelineSettings settings;

	public ChecklistBuilder(Guideline guideline, GuidelineSettings settings) {
		this.guideline = guideline;
		this.settings = settings;
	}

	public Checklist build(PatientFacts facts, List<Finding> findings, String claimRemarks) {
		boolean inScope = Guideline.inScope(facts, settings);
		return new Checklist(
				eligibility(facts),
				facts.latestAisWithin(settings.aisWindowDays(), settings.zone()).map(PatientFacts.AisAssessment::grade),
				facts.injuryDate(),
				facts.dayOf(facts.now(), settings.zone()),
				settings.boneMarrowLastDay(),
				infusionWindow(),
				marrowCollection(facts),
				consent(facts.paperwork()),
				inScope,
				rules(facts, findings, inScope),
				claimRemarks);
	}

	private Eligibility eligibility(PatientFacts facts) {
		if (facts.latestAisWithin(settings.aisWindowDays(), settings.zone()).isEmpty()) return Eligibility.UNKNOWN;
		return IndAisNotEligible.ineligibleAis(facts, settings).isPresent() ? Eligibility.NOT_ELIGIBLE : Eligibility.ELIGIBLE;
	}

	private InfusionWindow infusionWindow() {
		return new InfusionWindow(
				settings.trialInfusionPlannedDay() - settings.trialInfusionMarginDays(),
				settings.trialInfusionPlannedDay() + settings.trialInfusionMarginDays(),
				settings.trialInfusionFirstDay(), settings.trialInfusionLastDay());
	}

	/** The most advanced state of any bone-marrow collection: done, else planned, else being ordered. */
	static CollectionState marrowCollection(PatientFacts facts) {
		Set<CollectionStatus> states = facts.collections(CollectionKind.BONE_MARROW).stream()
				.map(Collection::status).collect(Collectors.toSet());
		if (states.contains(CollectionStatus.DONE)) return CollectionState.DONE;
		if (states.contains(CollectionStatus.PLANNED)) return CollectionState.PLANNED;
		if (states.contains(CollectionStatus.ORDERING)) return CollectionState.ORDERING;
		return CollectionState.NONE;
	}

	static ConsentState consent(PatientFacts.Paperwork paperwork) {
		if (!paperwork.consentRefusals().isEmpty()) return ConsentState.REFUSED;
		return paperwork.stemiracConsents().isEmpty() ? ConsentState.NOT_RECORDED : ConsentState.GIVEN;
	}

	private List<RuleRow> rules(PatientFacts facts, List<Finding> findings, boolean inScope) {
		Set<String> fired = findings.stream().map(Finding::ruleId).collect(Collectors.toSet());
		return guideline.rules().stream().map(rule -> row(rule, facts, fired, inScope)).toList();
	}

	private static RuleRow row(GuidelineRule rule, PatientFacts facts, Set<String> fired, boolean inScope) {
		String id = rule.definition().id();
		boolean runsHere = inScope && Arrays.asList(rule.definition().hooks()).contains(facts.hook());
		Result result = !runsHere ? Result.NOT_APPLICABLE : fired.contains(id) ? Result.FIRED : Result.CLEAR;
		return new RuleRow(id, rule.definition().section(), rule.definition().severity().indicator(), result);
	}
}
