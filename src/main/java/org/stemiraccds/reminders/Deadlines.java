package org.stemiraccds.reminders;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.Administration;
import org.stemiraccds.guideline.PatientFacts.CollectionKind;
import org.stemiraccds.guideline.PatientFacts.CollectionStatus;
import org.stemiraccds.guideline.PatientFacts.StemiracOrder;
import org.stemiraccds.guideline.rules.indication.IndAisNotEligible;

/**
 * The deadlines of one patient's facts: pure logic, no I/O. Nothing for a patient out of scope (Revision 2, scope:
 * neither in STEMIRAC care nor a candidate), so their open reminders are cancelled.
 */
final class Deadlines {
	private final GuidelineSettings guideline;
	private final ReminderSettings settings;
	private final ZoneId zone;

	Deadlines(GuidelineSettings guideline, ReminderSettings settings) {
		this.guideline = guideline;
		this.settings = settings;
		this.zone = guideline.zone();
	}

	/** The patient's reminders; {@code activeOrders}: the ids of the STEMIRAC orders still to be given (status active). */
	List<Reminder> of(PatientFacts facts, Set<String> activeOrders) {
		if (!facts.hasStemiracCare() && !facts.isCandidate(guideline.candidateDays(), zone)) return List.of();
		List<Reminder> reminders = new ArrayList<>();
		marrow(facts).ifPresent(reminders::add);
		facts.draftOrders().stream().filter(o -> activeOrders.contains(o.id()))
				.forEach(order -> aisBefore(facts, order).ifPresent(reminders::add));
		followUp(facts).ifPresent(reminders::add);
		registry(facts).ifPresent(reminders::add);
		return reminders;
	}

	/**
	 * Box; §6④: marrow by about day 31. Open from N days before until the end of the trial's infusion window (§3: day
	 * 54), after which a collection no longer leads to an infusion; not for a patient whose AIS is not eligible
	 * (as TIM-BM-COUNTDOWN). Done once a marrow collection is completed.
	 */
	private Optional<Reminder> marrow(PatientFacts facts) {
		Optional<LocalDate> injury = facts.injuryDate();
		if (injury.isEmpty() || IndAisNotEligible.ineligibleAis(facts, guideline).isPresent()) return Optional.empty();
		LocalDate due = injury.get().plusDays(guideline.boneMarrowLastDay());
		Optional<String> focus = facts.traumaticSci().stream().map(PatientFacts.ConditionFact::id).sorted().findFirst();
		boolean done = facts.collections(CollectionKind.BONE_MARROW).stream().anyMatch(c -> c.status() == CollectionStatus.DONE);
		LocalDate opens = due.minusDays(settings.leadDays());
		LocalDate closes = injury.get().plusDays(guideline.trialInfusionLastDay());
		return reminder(Deadline.MARROW, facts, focus, opens, due, Optional.empty(), done, closes);
	}

	/**
	 * §5 ① note ※: coverage is judged on the AIS immediately before administration (the latest within the AIS
	 * window). Open from N days before the planned moment while the order is active and nothing has been given; done
	 * once an AIS lies in the window before that moment. An order with no planned moment has no deadline.
	 */
	private Optional<Reminder> aisBefore(PatientFacts facts, StemiracOrder order) {
		if (order.plannedAt().isEmpty() || !facts.administrations().isEmpty()) return Optional.empty();
		var planned = order.plannedAt().get();
		LocalDate due = planned.atZone(zone).toLocalDate();
		boolean done = facts.aisAssessments().stream()
				.anyMatch(ais -> PatientFacts.within(ais.effective(), guideline.aisWindowDays(), zone, planned));
		return reminder(Deadline.AIS_BEFORE_ADMINISTRATION, facts, Optional.of(order.id()), due.minusDays(settings.leadDays()), due,
				Optional.of(planned), done, LocalDate.MAX);
	}

	/**
	 * §3: the trial assessed AIS at day 220 after injury. For a treated patient, open from the window's start; done
	 * by an AIS with timepoint follow-up or dated within or after the window.
	 */
	private Optional<Reminder> followUp(PatientFacts facts) {
		Optional<Administration> given = firstGiven(facts);
		Optional<LocalDate> injury = facts.injuryDate();
		if (given.isEmpty() || injury.isEmpty()) return Optional.empty();
		LocalDate target = injury.get().plusDays(guideline.followUpDay());
		LocalDate opens = target.minusDays(settings.followUpWindowDays());
		boolean done = facts.aisAssessments().stream().anyMatch(ais -> ais.timepoint().filter("follow-up"::equals).isPresent()
				|| !ais.effective().atZone(zone).toLocalDate().isBefore(opens));
		return reminder(Deadline.FOLLOW_UP, facts, Optional.of(given.get().id()), opens,
				target.plusDays(settings.followUpWindowDays()), Optional.empty(), done, LocalDate.MAX);
	}

	/** §4 ①-1(6): a treated patient is enrolled in the registry; done once a registry EpisodeOfCare exists. */
	private Optional<Reminder> registry(PatientFacts facts) {
		Optional<Administration> given = firstGiven(facts);
		if (given.isEmpty()) return Optional.empty();
		LocalDate day = given.get().given().atZone(zone).toLocalDate();
		boolean done = !facts.paperwork().registryEnrolments().isEmpty();
		return reminder(Deadline.REGISTRY, facts, Optional.of(given.get().id()), day, day.plusDays(settings.registryDueDays()),
				Optional.empty(), done, LocalDate.MAX);
	}

	/** Done whenever it is done (to complete an open Task); open only between its opening and closing days. */
	private Optional<Reminder> reminder(Deadline deadline, PatientFacts facts, Optional<String> focus, LocalDate opens,
			LocalDate due, Optional<java.time.Instant> dueAt, boolean done, LocalDate closes) {
		LocalDate today = facts.now().atZone(zone).toLocalDate();
		if (!done && (today.isBefore(opens) || today.isAfter(closes))) return Optional.empty();
		return Optional.of(new Reminder(deadline, facts.patient().id(), focus, opens, due, dueAt, done));
	}

	private static Optional<Administration> firstGiven(PatientFacts facts) {
		return facts.administrations().stream().min(Comparator.comparing(Administration::given));
	}
}
