package org.stemiraccds.reminders;

import org.stemiraccds.guideline.GuidelineRule;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.rules.facility.FacRegistry;
import org.stemiraccds.guideline.rules.indication.IndAisMissing;
import org.stemiraccds.guideline.rules.process.OutFollowup;
import org.stemiraccds.guideline.rules.timing.TimBmCountdown;

/**
 * The four deadlines a reminder Task is made for, each named by the catalogue rule that encodes it: its id (the
 * Task's reasonCode) and guideline section come from the rule class's {@link RuleDefinition}.
 */
public enum Deadline {
	/** Bone marrow collected by about day 31 after injury (box; §6④). */
	MARROW(TimBmCountdown.class),
	/** An AIS in the 7 days before a planned administration: coverage is judged on it (§5 ① note ※). */
	AIS_BEFORE_ADMINISTRATION(IndAisMissing.class),
	/** The follow-up AIS at day 220 after injury (§3). */
	FOLLOW_UP(OutFollowup.class),
	/** A treated patient enrolled in the patient registry (§4 ①-1(6)). */
	REGISTRY(FacRegistry.class);

	private final RuleDefinition rule;

	Deadline(Class<? extends GuidelineRule> rule) {
		this.rule = rule.getAnnotation(RuleDefinition.class);
	}

	public String ruleId() {
		return rule.id();
	}

	public String section() {
		return rule.section();
	}
}
