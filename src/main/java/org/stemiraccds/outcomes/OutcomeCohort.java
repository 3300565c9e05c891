package org.stemiraccds.outcomes;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.facts.FactsAssembler;
import org.stemiraccds.cds.facts.FhirTime;
import org.stemiraccds.cds.record.PatientRecordLoader;
import org.stemiraccds.conformance.ValueSetIndex;
import org.stemiraccds.guideline.GuidelineSettings;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.Administration;
import org.stemiraccds.guideline.PatientFacts.AisAssessment;

/**
 * The treated patients of this server (or of one organisation) and their outcomes. A patient is treated when the
 * facts count a STEMIRAC administration as given (not entered-in-error or not-done); day 0 is the injury date of the
 * facts (the earliest traumatic SCI onset). Baseline: the latest assessment at or before the first administration
 * (the guideline's "immediately before administration"). Follow-up: the assessment after it nearest the follow-up
 * day within the window (the later one on a tie). Observations count when final, amended or corrected.
 */
@Component
public class OutcomeCohort {
	private static final Set<ObservationStatus> COUNTED = EnumSet.of(ObservationStatus.FINAL, ObservationStatus.AMENDED, ObservationStatus.CORRECTED);
	private static final String SCORE_CODES = Arrays.stream(ScoreMeasure.values())
			.map(m -> ScoreMeasure.SYSTEM + "|" + m.code())
			.collect(Collectors.joining(","));

	private final PatientRecordLoader loader;
	private final FactsAssembler assembler;
	private final FhirTime time;
	private final ZoneId zone;

	public OutcomeCohort(PatientRecordLoader loader, ValueSetIndex codeSets, GuidelineSettings settings) {
		this.loader = loader;
		this.zone = settings.zone();
		this.assembler = new FactsAssembler(codeSets, zone);
		this.time = new FhirTime(zone);
	}

	/** The follow-up: this day after injury, give or take the window (days). */
	public record FollowUp(int day, int windowDays) {}

	/** Every treated patient's outcome, in patient id order; {@code organization} ("Organization/x") narrows it. */
	public List<PatientOutcome> outcomes(FollowUp followUp, Optional<String> organization, RequestDetails request) {
		return candidates(organization, request).stream()
				.map(id -> outcome(id, followUp, request))
				.flatMap(Optional::stream)
				.toList();
	}

	/** Patients with any MedicationAdministration (the facts decide which count), of the organisation when named. */
	private Set<String> candidates(Optional<String> organization, RequestDetails request) {
		Set<String> subjects = loader.search("MedicationAdministration?_sort=_id", request).stream()
				.map(MedicationAdministration.class::cast)
				.filter(ma -> ma.getSubject().hasReference())
				.map(ma -> FactsAssembler.referenceId(ma.getSubject()))
				.filter(ref -> ref != null && ref.startsWith("Patient/"))
				.map(ref -> ref.substring("Patient/".length()))
				.collect(Collectors.toCollection(TreeSet::new));
		if (organization.isEmpty()) return subjects;
		Set<String> ofOrganization = loader.search("Patient?organization=" + organization.get(), request).stream()
				.map(p -> p.getIdElement().getIdPart())
				.collect(Collectors.toSet());
		subjects.retainAll(ofOrganization);
		return subjects;
	}

	private Optional<PatientOutcome> outcome(String patientId, FollowUp followUp, RequestDetails request) {
		PatientRecordLoader.Record record = loader.load(new IdType("Patient", patientId), List.of(), request);
		PatientFacts facts = assembler.assemble(new FactsAssembler.Input(Hook.PATIENT_VIEW, Instant.now(), record.patient(), record.resources(), List.of()));
		Optional<Instant> given = facts.administrations().stream().map(Administration::given).min(Comparator.naturalOrder());
		if (given.isEmpty()) return Optional.empty();
		Window window = new Window(given.get(), facts.injuryDate(), followUp);
		Optional<String> baseline = facts.aisAssessments().stream()
				.filter(a -> !a.effective().isAfter(given.get()))
				.max(Comparator.comparing(AisAssessment::effective))
				.map(AisAssessment::grade);
		Optional<String> atFollowUp = window.nearest(facts.aisAssessments(), AisAssessment::effective).map(AisAssessment::grade);
		List<Observation> scores = loader.search("Observation?subject=Patient/" + patientId + "&code=" + SCORE_CODES, request).stream()
				.map(Observation.class::cast)
				.filter(o -> COUNTED.contains(o.getStatus()))
				.toList();
		return Optional.of(new PatientOutcome(FactsAssembler.id(record.patient()), baseline, atFollowUp, scoreChanges(scores, window)));
	}

	private Map<ScoreMeasure, Double> scoreChanges(List<Observation> scores, Window window) {
		Map<ScoreMeasure, Double> changes = new EnumMap<>(ScoreMeasure.class);
		for (ScoreMeasure measure : ScoreMeasure.values()) {
			Optional<Double> before = value(scores, measure, window::latestBefore);
			Optional<Double> after = value(scores, measure, window::nearestTo);
			if (before.isPresent() && after.isPresent()) changes.put(measure, after.get() - before.get());
		}
		return changes;
	}

	/**
	 * One score at a time point (picked among the timed observations of its code); an ISNCSCI total not recorded
	 * is the sum of motor, light touch and pin prick at that time point.
	 */
	private Optional<Double> value(List<Observation> scores, ScoreMeasure measure, Function<List<Timed>, Optional<Timed>> pick) {
		Optional<Double> recorded = pick.apply(timed(scores, measure)).map(Timed::value);
		if (recorded.isPresent() || measure != ScoreMeasure.ISNCSCI_TOTAL) return recorded;
		List<Optional<Double>> parts = ScoreMeasure.ISNCSCI_PARTS.stream().map(part -> value(scores, part, pick)).toList();
		return parts.stream().allMatch(Optional::isPresent) ? Optional.of(parts.stream().mapToDouble(Optional::get).sum()) : Optional.empty();
	}

	private record Timed(Instant effective, double value) {}

	private List<Timed> timed(List<Observation> scores, ScoreMeasure measure) {
		return scores.stream()
				.filter(o -> o.getCode().getCoding().stream().anyMatch(c -> ScoreMeasure.SYSTEM.equals(c.getSystem()) && measure.code().equals(c.getCode())))
				.filter(o -> o.getValue() instanceof Quantity q && q.hasValue())
				.flatMap(o -> time.effective(o.getEffective()).map(at -> new Timed(at, ((Quantity) o.getValue()).getValue().doubleValue())).stream())
				.toList();
	}

	/** The administration and the follow-up window around day {@code followUp.day()} after the injury. */
	private final class Window {
		private final Instant given;
		private final Optional<LocalDate> injury;
		private final FollowUp followUp;

		Window(Instant given, Optional<LocalDate> injury, FollowUp followUp) {
			this.given = given;
			this.injury = injury;
			this.followUp = followUp;
		}

		Optional<Timed> latestBefore(List<Timed> timed) {
			return timed.stream().filter(t -> !t.effective().isAfter(given)).max(Comparator.comparing(Timed::effective));
		}

		Optional<Timed> nearestTo(List<Timed> timed) {
			return nearest(timed, Timed::effective);
		}

		<T> Optional<T> nearest(List<T> items, Function<T, Instant> when) {
			if (injury.isEmpty()) return Optional.empty();
			return items.stream()
					.filter(item -> when.apply(item).isAfter(given))
					.filter(item -> Math.abs(distance(when.apply(item))) <= followUp.windowDays())
					.min(Comparator.<T>comparingLong(item -> Math.abs(distance(when.apply(item))))
							.thenComparing(when, Comparator.reverseOrder()));
		}

		/** Calendar days from the follow-up day to the instant (in the configured zone). */
		private long distance(Instant instant) {
			return ChronoUnit.DAYS.between(injury.get(), instant.atZone(zone).toLocalDate()) - followUp.day();
		}
	}
}
