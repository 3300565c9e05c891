package org.stemiraccds.guideline;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.stemiraccds.guideline.rules.DoseDilution;
import org.stemiraccds.guideline.rules.SafPediatricAntibiotics;
import org.stemiraccds.guideline.rules.ProClaimRemarks;
import org.stemiraccds.guideline.rules.MonInfusion;
import org.stemiraccds.guideline.rules.MonCollection;
import org.stemiraccds.guideline.rules.FacPhysicianUnknown;
import org.stemiraccds.guideline.rules.FacPhysicianRequirement;
import org.stemiraccds.guideline.rules.FacFacilityRequirements;
import org.stemiraccds.guideline.rules.SafNrLowWeightAnemia;
import org.stemiraccds.guideline.rules.SafNrBpUncontrolled;
import org.stemiraccds.guideline.rules.SafChainOfIdentity;
import org.stemiraccds.guideline.rules.SafBpMissing;
import org.stemiraccds.guideline.rules.ProConsent;
import org.stemiraccds.guideline.rules.ProRehabTransfer;
import org.stemiraccds.guideline.rules.OutFollowup;
import org.stemiraccds.guideline.rules.FacRegistry;
import org.stemiraccds.guideline.rules.DoseMissing;
import org.stemiraccds.guideline.rules.DosePerKg;
import org.stemiraccds.guideline.rules.DoseRange;
import org.stemiraccds.guideline.rules.DoseRate;
import org.stemiraccds.guideline.rules.DoseRoute;
import org.stemiraccds.guideline.rules.DoseWeightMissing;
import org.stemiraccds.guideline.rules.DoseWeightTooLow;
import org.stemiraccds.guideline.rules.IndAisFirstBloodMissing;
import org.stemiraccds.guideline.rules.IndAisMissing;
import org.stemiraccds.guideline.rules.IndAisNotEligible;
import org.stemiraccds.guideline.rules.IndAisPriority;
import org.stemiraccds.guideline.rules.IndSciNotTraumatic;
import org.stemiraccds.guideline.rules.SafAnaphylaxisWatch;
import org.stemiraccds.guideline.rules.SafHypersensitivity;
import org.stemiraccds.guideline.rules.SafNrAllergicDiathesis;
import org.stemiraccds.guideline.rules.SafNrHypercoagulable;
import org.stemiraccds.guideline.rules.SafNrInfection;
import org.stemiraccds.guideline.rules.SafNrMalignancy;
import org.stemiraccds.guideline.rules.SafNrPoorGeneralCondition;
import org.stemiraccds.guideline.rules.SafNrSpinalDisease;
import org.stemiraccds.guideline.rules.SafNrVascular;
import org.stemiraccds.guideline.rules.SafPediatric;
import org.stemiraccds.guideline.rules.SafRepeatDose;
import org.stemiraccds.guideline.rules.TimAdminDay;
import org.stemiraccds.guideline.rules.TimBmCountdown;
import org.stemiraccds.guideline.rules.TimBmWindow;
import org.stemiraccds.guideline.rules.TimInjuryDateMissing;
import org.stemiraccds.guideline.rules.TimNoBmCollection;

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
				new OutFollowup()));
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
	static boolean inScope(PatientFacts facts, GuidelineSettings settings) {
		return facts.hasStemiracCare() || facts.isCandidate(settings.candidateDays(), settings.zone());
	}
}
