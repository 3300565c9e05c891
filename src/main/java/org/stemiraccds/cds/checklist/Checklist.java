package org.stemiraccds.cds.checklist;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One patient's STEMIRAC checklist at one moment (issue 11, the SMART app): eligibility by the AIS (§5 ①),
 * the day count against the bone-marrow target (box, §6④) and the trial's infusion days (§3), the collection
 * and consent status (§6 ②, ④), every rule's result with its guideline section and the claim remarks
 * (insurance notice (3)).
 */
public record Checklist(
		Eligibility eligibility,
		Optional<String> aisGrade,
		Optional<LocalDate> injuryDate,
		Optional<Long> day,
		int marrowLastDay,
		InfusionWindow infusionWindow,
		CollectionState marrowCollection,
		ConsentState consent,
		boolean inScope,
		List<RuleRow> rules,
		String claimRemarks) {

	public Checklist {
		rules = List.copyOf(rules);
	}

	/** Days left to the marrow target (negative once past it), when the injury date is known. */
	public Optional<Long> daysToMarrowTarget() {
		return day.map(today -> marrowLastDay - today);
	}

	/** By the latest AIS within the window: A–C eligible, D/E not, none unknown. */
	public enum Eligibility { ELIGIBLE, NOT_ELIGIBLE, UNKNOWN }

	public enum CollectionState { DONE, PLANNED, ORDERING, NONE }

	/** A refusal wins over a consent (as PRO-CONSENT reads them). */
	public enum ConsentState { GIVEN, REFUSED, NOT_RECORDED }

	/** fired / clear on the record as it stands; not-applicable where the rule judges only an order or administration being decided, or the patient is out of scope. */
	public enum Result {
		FIRED("fired"), CLEAR("clear"), NOT_APPLICABLE("not-applicable");

		private final String code;

		Result(String code) {
			this.code = code;
		}

		public String code() {
			return code;
		}
	}

	/** The trial planned infusion at day planned ± margin and observed it on days observedFirst–observedLast (§3). */
	public record InfusionWindow(int plannedFirst, int plannedLast, int observedFirst, int observedLast) {}

	public record RuleRow(String id, String section, String severity, Result result) {}
}
