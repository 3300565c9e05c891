package org.stemiraccds.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stemiraccds.guideline.Facts;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;

/** The deadlines' edges: when each reminder opens, closes, is done, and who is out of scope. */
class DeadlinesTest {
	private static final ReminderSettings SETTINGS = new ReminderSettings(true, Duration.ofHours(1), Duration.ofHours(1), 7, 14, 30);
	private static final Set<String> ACTIVE = Set.of("MedicationRequest/draft");
	private final Deadlines deadlines = new Deadlines(GuidelineSettings.defaults(), SETTINGS);

	@Test
	void marrowOpensOnDay24StaysOpenPastDay31AndClosesAfterDay54() {
		assertThat(of(Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-11-01").now("2026-11-24"))).as("day 23").isEmpty();
		List<Reminder> day24 = of(Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-11-01").now("2026-11-25"));
		assertThat(day24).singleElement().satisfies(r -> {
			assertThat(r.deadline()).isEqualTo(Deadline.MARROW);
			assertThat(r.dueDay()).hasToString("2026-12-02");
			assertThat(r.opens()).hasToString("2026-11-25");
			assertThat(r.done()).isFalse();
			assertThat(r.identity()).isEqualTo(Deadline.MARROW.ruleId() + ":Patient/p:Condition/sci:2026-12-02");
		});
		// a consent keeps the patient in scope after day 54 (no longer a candidate), but marrow is then past use
		assertThat(of(Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-10-01").consented().now("2026-11-24"))).as("day 54").hasSize(1);
		assertThat(of(Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-10-01").consented().now("2026-11-25"))).as("day 55").isEmpty();
	}

	@Test
	void marrowIsDoneByACompletedCollectionNotByAPlannedOneAndNotForAnIneligibleAis() {
		assertThat(of(Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-11-01").marrowPlanned("2026-11-28").now("2026-11-25")))
				.singleElement().matches(r -> !r.done());
		assertThat(of(Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-11-01").marrowCollected("2026-11-20").now("2026-11-25")))
				.singleElement().matches(Reminder::done);
		assertThat(of(Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-11-01").ais("D", "2026-11-24").now("2026-11-25"))).isEmpty();
	}

	@Test
	void aisBeforeAdministrationIsDoneByAnAisAtMostSevenDaysBeforeThePlannedMoment() {
		Facts planned = Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-10-10").marrowCollected("2026-10-30").orderingStemiracFor("2026-11-30");
		assertThat(ais(planned.now("2026-11-22"))).as("8 days before").isEmpty();
		Reminder open = ais(planned.now("2026-11-23")).get(0);
		assertThat(open.dueAt()).contains(Facts.at("2026-11-30"));
		assertThat(open.focus()).contains("MedicationRequest/draft");
		assertThat(open.done()).isFalse();
		assertThat(ais(planned.ais("A", "2026-11-22").now("2026-11-25")).get(0).done()).as("8 days before the moment").isFalse();
		assertThat(ais(planned.ais("A", "2026-11-23").now("2026-11-25")).get(0).done()).as("7 days before").isTrue();
		assertThat(deadlines.of(planned.now("2026-11-25").build(), Set.of())).as("order not active")
				.noneMatch(r -> r.deadline() == Deadline.AIS_BEFORE_ADMINISTRATION);
	}

	@Test
	void followUpOpensFourteenDaysBeforeDay220AndRegistryOnTheAdministrationDay() {
		Facts treated = Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-01-01").givenBefore("2026-02-15");
		// day 205 = 2026-07-25: only the registry (open since the administration)
		assertThat(of(treated.now("2026-07-25"))).extracting(Reminder::deadline).containsExactly(Deadline.REGISTRY);
		List<Reminder> day206 = of(treated.now("2026-07-26"));
		assertThat(day206).extracting(Reminder::deadline).containsExactly(Deadline.FOLLOW_UP, Deadline.REGISTRY);
		assertThat(day206.get(0).dueDay()).hasToString("2026-08-23");
		assertThat(day206.get(1).dueDay()).hasToString("2026-03-17");
		assertThat(of(treated.ais("C", "2026-07-26").enrolledInRegistry().now("2026-07-27"))).allMatch(Reminder::done).hasSize(2);
	}

	@Test
	void outOfScopePatientsGetNothing() {
		Deadlines shortCandidacy = new Deadlines(GuidelineSettings.bind(Map.of("candidate-days", "20")), SETTINGS);
		assertThat(shortCandidacy.of(Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-11-01").now("2026-11-25").build(), ACTIVE)).isEmpty();
		assertThat(shortCandidacy.of(Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-11-01").consented().now("2026-11-25").build(), ACTIVE))
				.hasSize(1);
	}

	private List<Reminder> ais(Facts facts) {
		return of(facts).stream().filter(r -> r.deadline() == Deadline.AIS_BEFORE_ADMINISTRATION).toList();
	}

	private List<Reminder> of(Facts facts) {
		return deadlines.of(facts.build(), ACTIVE);
	}
}
