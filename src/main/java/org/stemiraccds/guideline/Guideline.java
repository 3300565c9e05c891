package org.stemiraccds.guideline;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.stemiraccds.guideline.rules.dose.DoseDilution;
import org.stemiraccds.guideline.rules.safety.SafPediatricAntibiotics;
import org.stemiraccds.guideline.rules.process.ProClaimRemarks;
import org.stemiraccds.guideline.rules.process.MonInfusion;
import org.stemiraccds.guideline.rules.process.MonCollection;
import org.stemiraccds.guideline.rules.facility.FacPhysicianUnknown;
import org.stemiraccds.guideline.rules.facility.FacPhysicianRequirement;
import org.stemiraccds.guideline.rules.facility.FacFacilityRequirements;
import org.stemiraccds.guideline.rules.notrecommended.SafNrLowWeightAnemia;
import org.stemiraccds.guideline.rules.notrecommended.SafNrBpUncontrolled;
import org.stemiraccds.guideline.rules.safety.SafChainOfIdentity;
import org.stemiraccds.guideline.rules.safety.SafBpMissing;
import org.stemiraccds.guideline.rules.process.ProConsent;
import org.stemiraccds.guideline.rules.process.ProRehabTransfer;
import org.stemiraccds.guideline.rules.process.OutFollowup;
import org.stemiraccds.guideline.rules.process.ProAeReport;
import org.stemiraccds.guideline.rules.facility.FacRegistry;
import org.stemiraccds.guideline.rules.dose.DoseMissing;
import org.stemiraccds.guideline.rules.dose.DosePerKg;
import org.stemiraccds.guideline.rules.dose.DoseRange;
import org.stemiraccds.guideline.rules.dose.DoseRate;
import org.stemiraccds.guideline.rules.dose.DoseRoute;
import org.stemiraccds.guideline.rules.dose.DoseWeightMissing;
import org.stemiraccds.guideline.rules.dose.DoseWeightTooLow;
import org.stemiraccds.guideline.rules.indication.IndAisFirstBloodMissing;
import org.stemiraccds.guideline.rules.indication.IndAisMissing;
import org.stemiraccds.guideline.rules.indication.IndAisNotEligible;
import org.stemiraccds.guideline.rules.indication.IndAisPriority;
import org.stemiraccds.guideline.rules.indication.IndSciNotTraumatic;
import org.stemiraccds.guideline.rules.safety.SafAnaphylaxisWatch;
import org.stemiraccds.guideline.rules.safety.SafHypersensitivity;
import org.stemiraccds.guideline.rules.notrecommended.SafNrAllergicDiathesis;
import org.stemiraccds.guideline.rules.notrecommended.SafNrHypercoagulable;
import org.stemiraccds.guideline.rules.notrecommended.SafNrInfection;
import org.stemiraccds.guideline.rules.notrecommended.SafNrMalignancy;
import org.stemiraccds.guideline.rules.notrecommended.SafNrPoorGeneralCondition;
import org.stemiraccds.guideline.rules.notrecommended.SafNrSpinalDisease;
import org.stemiraccds.guideline.rules.notrecommended.SafNrVascular;
import org.stemiraccds.guideline.rules.safety.SafPediatric;
import org.stemiraccds.guideline.rules.safety.SafRepeatDose;
import org.stemiraccds.guideline.rules.timing.TimAdminDay;
import org.stemiraccds.guideline.rules.timing.TimBmCountdown;
import org.stemiraccds.guideline.rules.timing.TimBmWindow;
import org.stemiraccds.guideline.rules.timing.TimInjuryDateMissing;
import org.stemiraccds.guideline.rules.timing.TimNoBmCollection;

/** The rule catalogue and its evaluation: facts in, findings out, one per rule that fires. */
public final class Guideline {
	private final List<GuidelineRule> rules;

	public Guideline(List<GuidelineRule> rules) {
		this.rules = List.copyOf(rules);
	}

	/** Every rule of the catalogue (CodeSystem guideline-rule). */
	public static Guideline standard() {
		return new Guideline(List.of(
				new IndSciNotTraumatic(),
				new IndAisMissing(),
				new IndAisNotEligible(),
				new IndAisPriority(),
				new IndAisFirstBloodMissing(),
				new TimInjuryDateMissing(),
				new TimBmCountdown(),
				new TimBmWindow(),
				new TimNoBmCollection(),
				new TimAdminDay(),
				new SafHypersensitivity(),
				new SafAnaphylaxisWatch(),
				new SafNrMalignancy(),
				new SafNrAllergicDiathesis(),
				new SafNrHypercoagulable(),
				new SafNrInfection(),
				new SafNrPoorGeneralCondition(),
				new SafNrVascular(),
				new SafNrSpinalDisease(),
				new SafNrLowWeightAnemia(),
				new SafNrBpUncontrolled(),
				new SafBpMissing(),
				new SafPediatric(),
				new SafPediatricAntibiotics(),
				new SafRepeatDose(),
				new SafChainOfIdentity(),
				new DoseMissing(),
				new DoseRange(),
				new DosePerKg(),
				new DoseWeightTooLow(),
				new DoseWeightMissing(),
				new DoseDilution(),
				new DoseRate(),
				new DoseRoute(),
				new FacPhysicianRequirement(),
				new FacPhysicianUnknown(),
				new FacFacilityRequirements(),
				new FacRegistry(),
				new ProConsent(),
				new ProRehabTransfer(),
				new ProClaimRemarks(),
				new MonInfusion(),
				new MonCollection(),
				new OutFollowup(),
				new ProAeReport()));
	}

	public List<GuidelineRule> rules() {
		return rules;
	}

	/** Nothing fires for a patient out of scope: see {@link #inScope}. */
	public List<Finding> evaluate(PatientFacts facts, GuidelineSettings settings) {
		if (!inScope(facts, settings)) return List.of();
		return rules.stream()
				.filter(rule -> Arrays.asList(rule.definition().hooks()).contains(facts.hook()))
				.map(rule -> rule.evaluate(facts, settings))
				.flatMap(Optional::stream)
				.toList();
	}

	/**
	 * A patient in STEMIRAC care (anything of STEMIRAC on record or being decided, a collection, consent or
	 * registry enrolment), or a candidate: a traumatic SCI injured at most candidate-days ago. The same on every
	 * hook: an order hook deciding a STEMIRAC order or a collection, and an administration being written, are
	 * STEMIRAC care themselves, so they always evaluate. A traumatic SCI injured longer ago, or on an unknown date,
	 * with none of these is out of scope.
	 */
	public static boolean inScope(PatientFacts facts, GuidelineSettings settings) {
		return facts.hasStemiracCare() || facts.isCandidate(settings.candidateDays(), settings.zone());
	}
}
