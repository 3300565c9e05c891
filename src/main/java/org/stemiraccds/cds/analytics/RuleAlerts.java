package org.stemiraccds.cds.analytics;

import java.util.Map;
import java.util.TreeMap;

/**
 * One rule's alerts in a range: cards issued (fired), feedback on them (accepted, overridden) and the override
 * reasons given, by code; an override with no reason code (a comment only, CDS Hooks 2.0 § Overridden
 * guidance) counts in {@link #overriddenWithoutReason}.
 */
public final class RuleAlerts {
	private final String ruleId;
	private int fired;
	private int accepted;
	private int overridden;
	private int overriddenWithoutReason;
	private final Map<String, Integer> reasons = new TreeMap<>();

	RuleAlerts(String ruleId) {
		this.ruleId = ruleId;
	}

	void countFired() {
		fired++;
	}

	void countAccepted() {
		accepted++;
	}

	void countOverridden(String reason) {
		overridden++;
		if (reason == null) overriddenWithoutReason++;
		else reasons.merge(reason, 1, Integer::sum);
	}

	public String ruleId() {
		return ruleId;
	}

	public int fired() {
		return fired;
	}

	public int accepted() {
		return accepted;
	}

	public int overridden() {
		return overridden;
	}

	public int overriddenWithoutReason() {
		return overriddenWithoutReason;
	}

	/** Override reason code → how often it was given. */
	public Map<String, Integer> reasons() {
		return Map.copyOf(reasons);
	}

	public int feedback() {
		return accepted + overridden;
	}

	/**
	 * Overridden among the cards with feedback (0 to 1), or null without feedback: cards nobody answered say
	 * nothing either way (CDS Hooks feedback is optional for the EHR).
	 */
	public Double overrideRate() {
		return feedback() == 0 ? null : (double) overridden / feedback();
	}
}
