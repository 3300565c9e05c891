package org.stemiraccds.guideline;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Everything the rules read about one patient at one moment, built once per evaluation from FHIR
 * resources (prefetch or database) by the cds package. Ids are "Type/id" references for the findings.
 */
public record PatientFacts(
		Hook hook,
		/** Now: the request time, or the administration's effective time on MA. */
		Instant now,
		CodeSets codeSets,
		Subject patient,
		/** Conditions (entered-in-error and refuted ones do not exist for the rules). */
		List<ConditionFact> conditions,
		/** AllergyIntolerances of any clinical status (entered-in-error and refuted ones do not exist for the rules). */
		List<AllergyFact> allergies,
		List<AisAssessment> aisAssessments,
		Vitals vitals,
		List<Collection> collections,
		/** STEMIRAC orders being decided in this request (draft orders, order-select: selections only). */
		List<StemiracOrder> draftOrders,
		/**
		 * STEMIRAC administrations that count as given (completed, in progress or stopped; never not-done or
		 * entered-in-error): those on record and, on MA, the one being written.
		 */
		List<Administration> administrations,
		/** The doses being decided: the draft orders' dosage (OS, SG) or the administration's own (MA). */
		List<Dosing> dosing,
		/** The STEMIRAC lots (Medication) ordered or given in this request. */
		List<ProductLot> products,
		Paperwork paperwork,
		/**
		 * The physician responsible for the treatment (§4 ①-2): the careManager of the active registry
		 * EpisodeOfCare, else the order's requester (on MA: the requester of the administration's request), else
		 * the hook's user. Never the administration's performer.
		 */
		Optional<Physician> physician,
		/** The ordering (administering) organisation. */
		Optional<Facility> facility,
		/**
		 * STEMIRAC on record beyond this request: stored STEMIRAC MedicationRequests (active or completed) and
		 * Medications made from the patient ("Type/id"). With the paperwork, collections and administrations it
		 * says whether the patient is in STEMIRAC care (scope).
		 */
		List<String> stemiracOnRecord,
		/** Active referral ServiceRequests to another Organization (the transfer for rehabilitation). */
		List<Referral> referrals,
		/** Quantities whose unit could not be converted with UCUM: they count as missing. */
		List<Unreadable> unreadable,
		/** The patient's AdverseEvents (actual or potential; entered-in-error ones do not exist for the rules). */
		List<AdverseEventFact> adverseEvents) {

	/** The facts without adverse events (callers that read none). */
	public PatientFacts(Hook hook, Instant now, CodeSets codeSets, Subject patient, List<ConditionFact> conditions,
			List<AllergyFact> allergies, List<AisAssessment> aisAssessments, Vitals vitals, List<Collection> collections,
			List<StemiracOrder> draftOrders, List<Administration> administrations, List<Dosing> dosing,
			List<ProductLot> products, Paperwork paperwork, Optional<Physician> physician, Optional<Facility> facility,
			List<String> stemiracOnRecord, List<Referral> referrals, List<Unreadable> unreadable) {
		this(hook, now, codeSets, patient, conditions, allergies, aisAssessments, vitals, collections, draftOrders,
				administrations, dosing, products, paperwork, physician, facility, stemiracOnRecord, referrals, unreadable, List.of());
	}

	public PatientFacts {
		adverseEvents = List.copyOf(adverseEvents);
		conditions = List.copyOf(conditions);
		allergies = List.copyOf(allergies);
		aisAssessments = List.copyOf(aisAssessments);
		collections = List.copyOf(collections);
		draftOrders = List.copyOf(draftOrders);
		administrations = List.copyOf(administrations);
		dosing = List.copyOf(dosing);
		products = List.copyOf(products);
		stemiracOnRecord = List.copyOf(stemiracOnRecord);
		referrals = List.copyOf(referrals);
		unreadable = List.copyOf(unreadable);
	}

	/** The same facts read on another hook (the checklist's claim remarks are those an administration would carry). */
	public PatientFacts withHook(Hook other) {
		return new PatientFacts(other, now, codeSets, patient, conditions, allergies, aisAssessments, vitals, collections,
				draftOrders, administrations, dosing, products, paperwork, physician, facility, stemiracOnRecord, referrals,
				unreadable, adverseEvents);
	}

	/**
	 * An AdverseEvent ("AdverseEvent/id"): when it happened (empty when not recorded or only a year or month) and
	 * whether it was reported (extension adverse-event-reported with a date, at any precision; §4 ②).
	 */
	public record AdverseEventFact(String id, Optional<Instant> date, boolean reported) {}

	/** The patient: "Patient/id", birth date, administrative gender. */
	public record Subject(String id, Optional<LocalDate> birthDate, Optional<String> gender) {}

	/** Body weight (kg), height (cm), haemoglobin (g/dL) and blood pressure (mmHg) measurements. */
	public record Vitals(
			List<Measurement> weights,
			List<Measurement> heights,
			List<Measurement> haemoglobin,
			List<BloodPressure> bloodPressures) {
		public Vitals {
			weights = List.copyOf(weights);
			heights = List.copyOf(heights);
			haemoglobin = List.copyOf(haemoglobin);
			bloodPressures = List.copyOf(bloodPressures);
		}

		public static Vitals none() {
			return new Vitals(List.of(), List.of(), List.of(), List.of());
		}
	}

	public record BloodPressure(String id, double systolic, double diastolic, Instant effective) {}

	/** A STEMIRAC lot and the patient ("Patient/id") whose cells it was made from, when recorded. */
	public record ProductLot(String id, Optional<String> autologousSource) {}

	/** A physician and the codes of CodeSystem physician-requirement they hold. */
	public record Physician(String id, Set<String> qualifications) {
		/** 医師要件ア (orthopaedics) or イ (neurosurgery), ア first, as the claim states one of them. */
		public Optional<String> requirementAOrI() {
			return Stream.of("req-a", "req-i").filter(qualifications::contains).findFirst();
		}

		public boolean completedManufacturerTraining() {
			return qualifications.contains("manufacturer-training");
		}
	}

	/**
	 * An organisation, per facility-requirement code it records whether it is met, and the partner
	 * organisations ("Organization/id") its item 1-5 names (rehabilitation transfer).
	 */
	public record Facility(String id, Map<String, Boolean> requirements, List<String> partners) {
		public Facility {
			partners = List.copyOf(partners);
		}
	}

	/**
	 * STEMIRAC consents (active, provision permit or no type), refusals (a deny provision or a rejected
	 * consent) and patient-registry enrolments (EpisodeOfCare), as ids.
	 */
	public record Paperwork(List<String> stemiracConsents, List<String> consentRefusals, List<String> registryEnrolments) {
		public Paperwork {
			stemiracConsents = List.copyOf(stemiracConsents);
			consentRefusals = List.copyOf(consentRefusals);
			registryEnrolments = List.copyOf(registryEnrolments);
		}
	}

	/** A Condition; onset only when known to the day (a year or year-month onset is unknown). */
	public record ConditionFact(String id, List<Code> codes, boolean activeOrRecurring, Optional<LocalDate> onset) {}

	/** An AllergyIntolerance: active (clinical status active or not stated) and whether its category is medication. */
	public record AllergyFact(String id, List<Code> codes, boolean active, boolean medication) {}

	/** An active referral ServiceRequest and the Organization ("Organization/id") it refers the patient to. */
	public record Referral(String id, String organization) {}

	/** What an unreadable quantity was meant to measure. */
	public enum QuantityKind { WEIGHT, HEIGHT, HAEMOGLOBIN, BLOOD_PRESSURE, DOSE, RATE }

	/** A quantity whose unit was not understood: the resource ("Type/id"), what it measures and the unit as written. */
	public record Unreadable(String id, QuantityKind kind, String unit) {}

	/** Dose in cells, rate in mL/min, dilution factor and route of one order or administration. */
	public record Dosing(
			String id, Optional<Double> cells, Optional<Double> rateMlPerMin, Optional<Double> dilution, Optional<Code> route) {}

	public record Measurement(String id, double value, Instant effective) {}

	/** An AIS grade that counts (final, amended or corrected), when it was assessed and its timepoint code. */
	public record AisAssessment(String id, String grade, Instant effective, Optional<String> timepoint) {}

	public enum CollectionKind { BONE_MARROW, PERIPHERAL_BLOOD }

	/** A collection done (Procedure), planned (ServiceRequest on record) or being ordered (draft ServiceRequest). */
	public record Collection(String id, CollectionKind kind, CollectionStatus status, Optional<Instant> when) {}

	public enum CollectionStatus { DONE, PLANNED, ORDERING }

	/** A STEMIRAC draft order; lot is its Medication ("Medication/id"), empty when it names none (a code only). */
	public record StemiracOrder(String id, Optional<Instant> plannedAt, Optional<String> lot) {}

	/**
	 * A STEMIRAC administration given at (or, with effectivePeriod, starting at) this instant, and its lot;
	 * beingWritten: on MA, the administration this write records (the others are on record).
	 */
	public record Administration(String id, Instant given, Optional<String> lot, boolean beingWritten) {}

	/** Age in whole years on the given day, when the birth date is known. */
	public Optional<Long> ageOn(LocalDate day) {
		return patient.birthDate().map(born -> ChronoUnit.YEARS.between(born, day));
	}

	/** Conditions coded in the value set; resolved and inactive ones too when anyStatus. */
	public List<ConditionFact> conditionsIn(String valueSetId, boolean anyStatus) {
		return conditions.stream()
				.filter(c -> anyStatus || c.activeOrRecurring())
				.filter(c -> codeSets.containsAny(valueSetId, c.codes()))
				.toList();
	}

	/** Allergies coded in the value set, of any clinical status. */
	public List<AllergyFact> allergiesIn(String valueSetId) {
		return allergies.stream().filter(a -> codeSets.containsAny(valueSetId, a.codes())).toList();
	}

	/** The unreadable quantities of one kind. */
	public List<Unreadable> unreadable(QuantityKind kind) {
		return unreadable.stream().filter(u -> u.kind() == kind).toList();
	}

	/** The traumatic SCI conditions (value set sci-traumatic) that are active or recurring. */
	public List<ConditionFact> traumaticSci() {
		return conditions.stream()
				.filter(ConditionFact::activeOrRecurring)
				.filter(c -> codeSets.containsAny("sci-traumatic", c.codes()))
				.toList();
	}

	/** The injury date (day 0): the earliest onset among the traumatic SCI conditions. */
	public Optional<LocalDate> injuryDate() {
		return traumaticSci().stream().flatMap(c -> c.onset().stream()).min(Comparator.naturalOrder());
	}

	/** Calendar days from the injury date to the given instant, in the configured zone. */
	public Optional<Long> dayOf(Instant instant, ZoneId zone) {
		return injuryDate().map(injury -> ChronoUnit.DAYS.between(injury, instant.atZone(zone).toLocalDate()));
	}

	/** The latest AIS within the window before now (calendar days in the zone). */
	public Optional<AisAssessment> latestAisWithin(int days, ZoneId zone) {
		return latestWithin(aisAssessments, AisAssessment::effective, days, zone);
	}

	/** The latest body weight within the window before now (calendar days in the zone). */
	public Optional<Measurement> latestWeightWithin(int days, ZoneId zone) {
		return latestWithin(vitals.weights(), Measurement::effective, days, zone);
	}

	/** The blood pressures within the window before now (calendar days in the zone), the latest first. */
	public List<BloodPressure> bloodPressuresWithin(int days, ZoneId zone) {
		return vitals.bloodPressures().stream()
				.filter(bp -> within(bp.effective(), days, zone))
				.sorted(Comparator.comparing(BloodPressure::effective).reversed())
				.toList();
	}

	/**
	 * Whether an instant lies in the window of the given calendar days before now: its local date is at least the
	 * local date of now minus the days, and it is not after now (a 7-day window on the 25th starts on the 18th at
	 * midnight).
	 */
	public boolean within(Instant instant, int days, ZoneId zone) {
		return within(instant, days, zone, now);
	}

	/** As {@link #within(Instant, int, ZoneId)}, for the window before {@code end} instead of now. */
	public static boolean within(Instant instant, int days, ZoneId zone, Instant end) {
		LocalDate first = end.atZone(zone).toLocalDate().minusDays(days);
		return !instant.isAfter(end) && !instant.atZone(zone).toLocalDate().isBefore(first);
	}

	/** The latest measurement up to now, however old. */
	public static Optional<Measurement> latest(List<Measurement> measurements) {
		return measurements.stream().max(Comparator.comparing(Measurement::effective));
	}

	private <T> Optional<T> latestWithin(List<T> items, Function<T, Instant> when, int days, ZoneId zone) {
		return items.stream().filter(item -> within(when.apply(item), days, zone)).max(Comparator.comparing(when));
	}

	/** The first completed peripheral-blood collection with a known time (manufacture starts there). */
	public Optional<Collection> firstBloodCollection() {
		return collections(CollectionKind.PERIPHERAL_BLOOD).stream()
				.filter(c -> c.status() == CollectionStatus.DONE && c.when().isPresent())
				.min(Comparator.comparing(c -> c.when().get()));
	}

	public List<Collection> collections(CollectionKind kind) {
		return collections.stream().filter(c -> c.kind() == kind).toList();
	}

	/** Collections being ordered in this request (draft ServiceRequests). */
	public List<Collection> collectionOrders() {
		return collections.stream().filter(c -> c.status() == CollectionStatus.ORDERING).toList();
	}

	/** STEMIRAC is being ordered or given in this request, or has been given. */
	public boolean concernsStemirac() {
		return !draftOrders.isEmpty() || !administrations.isEmpty() || hook == Hook.ADMINISTRATION;
	}

	/** The administrations being recorded in this request (MA): those given at "now", its effective time. */
	public List<Administration> administrationsBeingRecorded() {
		if (hook != Hook.ADMINISTRATION) return List.of();
		return administrations.stream().filter(a -> a.given().equals(now)).toList();
	}

	/**
	 * In STEMIRAC care (scope): a STEMIRAC order (being decided or on record), administration or Medication, a
	 * STEMIRAC Consent or refusal, a registry enrolment, or any collection (done, planned or being ordered).
	 */
	public boolean hasStemiracCare() {
		return concernsStemirac() || !stemiracOnRecord.isEmpty() || !collections.isEmpty()
				|| !paperwork.stemiracConsents().isEmpty() || !paperwork.consentRefusals().isEmpty()
				|| !paperwork.registryEnrolments().isEmpty();
	}

	/**
	 * A candidate: a traumatic SCI whose injury date (known to the day) is at most this many days before now. An
	 * injury date that is unknown (no onset, or a year or year-month only) makes no candidate.
	 */
	public boolean isCandidate(int candidateDays, ZoneId zone) {
		return dayOf(now, zone).filter(day -> day <= candidateDays).isPresent();
	}
}
