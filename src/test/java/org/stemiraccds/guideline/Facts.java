package org.stemiraccds.guideline;

import ca.uhn.fhir.context.FhirContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import org.stemiraccds.conformance.ConformanceResources;
import org.stemiraccds.conformance.ValueSetIndex;
import org.stemiraccds.guideline.PatientFacts.Administration;
import org.stemiraccds.guideline.PatientFacts.AllergyFact;
import org.stemiraccds.guideline.PatientFacts.BloodPressure;
import org.stemiraccds.guideline.PatientFacts.Facility;
import org.stemiraccds.guideline.PatientFacts.Paperwork;
import org.stemiraccds.guideline.PatientFacts.Physician;
import org.stemiraccds.guideline.PatientFacts.ProductLot;
import org.stemiraccds.guideline.PatientFacts.Subject;
import org.stemiraccds.guideline.PatientFacts.Vitals;
import org.stemiraccds.guideline.PatientFacts.Referral;
import org.stemiraccds.guideline.PatientFacts.Unreadable;
import org.stemiraccds.guideline.PatientFacts.AisAssessment;
import org.stemiraccds.guideline.PatientFacts.Collection;
import org.stemiraccds.guideline.PatientFacts.CollectionKind;
import org.stemiraccds.guideline.PatientFacts.CollectionStatus;
import org.stemiraccds.guideline.PatientFacts.ConditionFact;
import org.stemiraccds.guideline.PatientFacts.Dosing;
import org.stemiraccds.guideline.PatientFacts.Measurement;
import org.stemiraccds.guideline.PatientFacts.StemiracOrder;

/** Readable patient facts for rule tests: dates are days in Asia/Tokyo, times noon. */
public final class Facts {
	public static final CodeSets TERMINOLOGY = ValueSetIndex.of(ConformanceResources.load(FhirContext.forR4Cached()));
	public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
	private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

	private final Hook hook;
	private Instant now = at("2026-11-25");
	public static final String PATIENT = "Patient/p";
	private Optional<LocalDate> birthDate = Optional.of(LocalDate.parse("1980-04-12"));
	private String gender = "male";
	private final List<ConditionFact> conditions = new ArrayList<>();
	private final List<AllergyFact> allergies = new ArrayList<>();
	private final List<AisAssessment> ais = new ArrayList<>();
	private final List<Collection> collections = new ArrayList<>();
	private final List<StemiracOrder> orders = new ArrayList<>();
	private final List<Administration> administrations = new ArrayList<>();
	private final List<Dosing> dosing = new ArrayList<>();
	private final List<Measurement> weights = new ArrayList<>();
	private final List<Measurement> heights = new ArrayList<>();
	private final List<Measurement> haemoglobin = new ArrayList<>();
	private final List<BloodPressure> bloodPressures = new ArrayList<>();
	private final List<ProductLot> products = new ArrayList<>();
	private final List<String> consents = new ArrayList<>();
	private final List<String> registry = new ArrayList<>();
	private final List<String> refusals = new ArrayList<>();
	private final List<PatientFacts.AdverseEventFact> adverseEvents = new ArrayList<>();
	private final List<String> partners = new ArrayList<>();
	private final List<String> stemiracOnRecord = new ArrayList<>();
	private final List<Referral> referrals = new ArrayList<>();
	private final List<Unreadable> unreadable = new ArrayList<>();
	private Optional<Physician> physician = Optional.empty();
	private Optional<Map<String, Boolean>> facilityRequirements = Optional.empty();

	private Facts(Hook hook) {
		this.hook = hook;
	}

	public static Facts in(Hook hook) {
		return new Facts(hook);
	}

	public static Instant at(String date) {
		return at(date, "12:00");
	}

	/** A local date and time in Asia/Tokyo, e.g. ("2026-11-18", "00:30"). */
	public static Instant at(String date, String time) {
		return LocalDate.parse(date).atTime(java.time.LocalTime.parse(time)).atZone(TOKYO).toInstant();
	}

	/** Now at this local date and time. */
	public Facts now(String date, String time) {
		now = at(date, time);
		return this;
	}

	public Facts now(String date) {
		now = at(date);
		return this;
	}

	/** A traumatic SCI (ICD-10 S14.1) with this injury date, or none when null. */
	public Facts injuredOn(String date) {
		return condition("Condition/sci", "S14.1", date);
	}

	public Facts female() {
		gender = "female";
		return this;
	}

	public Facts bornOn(String date) {
		birthDate = Optional.of(LocalDate.parse(date));
		return this;
	}

	public Facts condition(String id, String icd10, String onset) {
		return condition(id, new Code(ICD10, icd10), onset, true);
	}

	public Facts condition(String id, Code code, String onset, boolean activeOrRecurring) {
		conditions.add(new ConditionFact(id, List.of(code), activeOrRecurring, Optional.ofNullable(onset).map(LocalDate::parse)));
		return this;
	}

	/** An active allergy. */
	public Facts allergy(String id, Code code) {
		return allergy(id, code, true, false);
	}

	public Facts allergy(String id, Code code, boolean active, boolean medication) {
		allergies.add(new AllergyFact(id, List.of(code), active, medication));
		return this;
	}

	public Facts ais(String grade, String date) {
		return ais(grade, date, null);
	}

	public Facts ais(String grade, String date, String timepoint) {
		return ais(grade, at(date), timepoint);
	}

	public Facts ais(String grade, Instant when, String timepoint) {
		ais.add(new AisAssessment("Observation/ais-" + (ais.size() + 1), grade, when, Optional.ofNullable(timepoint)));
		return this;
	}

	public Facts marrowCollected(String date) {
		return collection(CollectionKind.BONE_MARROW, CollectionStatus.DONE, date);
	}

	public Facts marrowPlanned(String date) {
		return collection(CollectionKind.BONE_MARROW, CollectionStatus.PLANNED, date);
	}

	public Facts bloodCollected(String date) {
		return collection(CollectionKind.PERIPHERAL_BLOOD, CollectionStatus.DONE, date);
	}

	public Facts bloodPlanned(String date) {
		return collection(CollectionKind.PERIPHERAL_BLOOD, CollectionStatus.PLANNED, date);
	}

	private Facts collection(CollectionKind kind, CollectionStatus status, String date) {
		collections.add(new Collection("Procedure/c" + (collections.size() + 1), kind, status, Optional.of(at(date))));
		return this;
	}

	public Facts orderingStemirac() {
		orders.add(new StemiracOrder("MedicationRequest/draft", Optional.empty(), Optional.of("Medication/lot")));
		return this;
	}

	/** A STEMIRAC draft order coded only: it names no Medication lot. */
	public Facts orderingStemiracWithoutLot() {
		orders.add(new StemiracOrder("MedicationRequest/draft", Optional.empty(), Optional.empty()));
		return this;
	}

	public Facts orderingStemiracFor(String date) {
		orders.add(new StemiracOrder("MedicationRequest/draft", Optional.of(at(date)), Optional.of("Medication/lot")));
		return this;
	}

	/** The administration being written (MA: "now" becomes its time). */
	public Facts administering(String date) {
		now = at(date);
		administrations.add(new Administration("MedicationAdministration/given", at(date), Optional.of("Medication/lot"), true));
		return this;
	}

	/** The administration being written (MA), naming no Medication lot. */
	public Facts administeringWithoutLot(String date) {
		now = at(date);
		administrations.add(new Administration("MedicationAdministration/given", at(date), Optional.empty(), true));
		return this;
	}

	/** A STEMIRAC administration on record. */
	public Facts givenBefore(String date) {
		administrations.add(new Administration("MedicationAdministration/earlier", at(date), Optional.of("Medication/lot"), false));
		return this;
	}

	/** A STEMIRAC administration on record, given at this moment whatever "now" is. */
	public Facts alsoGivenAt(String date) {
		administrations.add(new Administration("MedicationAdministration/other", at(date), Optional.of("Medication/lot"), false));
		return this;
	}

	public static final Code INTRAVENOUS = new Code("http://snomed.info/sct", "47625008");

	/** A STEMIRAC order for this many cells, at 0.8 mL/min, diluted 3-fold, intravenous. */
	public Facts orderingCells(double cells) {
		orderingStemirac();
		return dosed(Optional.of(cells), Optional.of(0.8), Optional.of(3.0), Optional.of(INTRAVENOUS));
	}

	public Facts dosed(Optional<Double> cells, Optional<Double> rate, Optional<Double> dilution, Optional<Code> route) {
		dosing.add(new Dosing("MedicationRequest/draft", cells, rate, dilution, route));
		return this;
	}

	public Facts weighs(double kg, String date) {
		weights.add(new Measurement("Observation/weight-" + (weights.size() + 1), kg, at(date)));
		return this;
	}

	public Facts tall(double cm, String date) {
		heights.add(new Measurement("Observation/height", cm, at(date)));
		return this;
	}

	public Facts haemoglobin(double gPerDl, String date) {
		haemoglobin.add(new Measurement("Observation/hb-" + (haemoglobin.size() + 1), gPerDl, at(date)));
		return this;
	}

	public Facts bloodPressure(double systolic, double diastolic, String date) {
		bloodPressures.add(new BloodPressure("Observation/bp-" + (bloodPressures.size() + 1), systolic, diastolic, at(date)));
		return this;
	}

	/** A STEMIRAC lot in the order, made from the given patient's cells (null: not recorded). */
	public Facts lotMadeFrom(String patient) {
		products.add(new ProductLot("Medication/lot", Optional.ofNullable(patient)));
		return this;
	}

	public Facts consented() {
		consents.add("Consent/c");
		return this;
	}

	/** A refusal: a Consent with a deny provision, or a rejected one. */
	public Facts refused() {
		refusals.add("Consent/refusal");
		return this;
	}

	/** STEMIRAC on record beyond this request (a stored order or a Medication made from the patient). */
	public Facts stemiracOnRecord(String id) {
		stemiracOnRecord.add(id);
		return this;
	}

	/** An active referral ServiceRequest to this Organization. */
	public Facts referredTo(String organization) {
		referrals.add(new Referral("ServiceRequest/referral-" + (referrals.size() + 1), organization));
		return this;
	}

	/** A partner facility the organisation's facility-requirement item 1-5 names. */
	public Facts partner(String organization) {
		partners.add(organization);
		return this;
	}

	/** A quantity whose unit was not understood. */
	public Facts unreadable(String id, PatientFacts.QuantityKind kind, String unit) {
		unreadable.add(new Unreadable(id, kind, unit));
		return this;
	}

	public Facts enrolledInRegistry() {
		registry.add("EpisodeOfCare/registry");
		return this;
	}

	public Facts physician(String... qualifications) {
		physician = Optional.of(new Physician("PractitionerRole/responsible", Set.of(qualifications)));
		return this;
	}

	/** An organisation recording these facility-requirement codes as met (all others absent). */
	public Facts facilityMeeting(String... codes) {
		Map<String, Boolean> met = new HashMap<>();
		for (String code : codes) met.put(code, true);
		facilityRequirements = Optional.of(met);
		return this;
	}

	public Facts orderingMarrowCollection(String date) {
		return collection(CollectionKind.BONE_MARROW, CollectionStatus.ORDERING, date);
	}

	public Facts orderingBloodCollection(String date) {
		return collection(CollectionKind.PERIPHERAL_BLOOD, CollectionStatus.ORDERING, date);
	}

	/** An AdverseEvent "AdverseEvent/{id}" on the injury-independent date given, reported or not (§4 ②). */
	public Facts adverseEvent(String id, String date, boolean reported) {
		adverseEvents.add(new PatientFacts.AdverseEventFact("AdverseEvent/" + id, Optional.of(at(date)), reported));
		return this;
	}

	public PatientFacts build() {
		return new PatientFacts(hook, now, TERMINOLOGY, new Subject(PATIENT, birthDate, Optional.of(gender)), conditions,
				allergies, ais, new Vitals(weights, heights, haemoglobin, bloodPressures), collections, orders,
				administrations, dosing, products, new Paperwork(consents, refusals, registry), physician,
				facilityRequirements.map(met -> new Facility("Organization/facility", met, partners)),
				stemiracOnRecord, referrals, unreadable, adverseEvents);
	}
}
