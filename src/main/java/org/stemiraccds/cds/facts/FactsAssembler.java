package org.stemiraccds.cds.facts;

import static org.stemiraccds.cds.facts.FhirCodes.*;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Type;
import org.stemiraccds.guideline.Code;
import org.stemiraccds.guideline.CodeSets;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.Administration;
import org.stemiraccds.guideline.PatientFacts.AisAssessment;
import org.stemiraccds.guideline.PatientFacts.AllergyFact;
import org.stemiraccds.guideline.PatientFacts.BloodPressure;
import org.stemiraccds.guideline.PatientFacts.Collection;
import org.stemiraccds.guideline.PatientFacts.CollectionKind;
import org.stemiraccds.guideline.PatientFacts.CollectionStatus;
import org.stemiraccds.guideline.PatientFacts.ConditionFact;
import org.stemiraccds.guideline.PatientFacts.Dosing;
import org.stemiraccds.guideline.PatientFacts.Facility;
import org.stemiraccds.guideline.PatientFacts.Measurement;
import org.stemiraccds.guideline.PatientFacts.Paperwork;
import org.stemiraccds.guideline.PatientFacts.Physician;
import org.stemiraccds.guideline.PatientFacts.ProductLot;
import org.stemiraccds.guideline.PatientFacts.StemiracOrder;
import org.stemiraccds.guideline.PatientFacts.Subject;
import org.stemiraccds.guideline.PatientFacts.Vitals;

/**
 * FHIR R4 resources (the patient's record plus the request's draft orders) → the facts the rules read.
 * Done once per evaluation; the mapping follows the spec's data contract.
 */
public final class FactsAssembler {
	private static final Set<String> ACTIVE = Set.of("active", "recurrence", "relapse");
	private static final Set<String> FINAL = Set.of("final", "amended", "corrected");

	private final CodeSets codeSets;
	private final ZoneId zone;

	public FactsAssembler(CodeSets codeSets, ZoneId zone) {
		this.codeSets = codeSets;
		this.zone = zone;
	}

	/**
	 * The request: which hook, when, the patient, the record and the orders being decided (not stored), and
	 * the hook's user ("PractitionerRole/x" or "Practitioner/x"), the physician when no order names one.
	 */
	public record Input(Hook hook, Instant now, Patient patient, List<Resource> record, List<Resource> draftOrders,
			Optional<Reference> user) {
		public Input(Hook hook, Instant now, Patient patient, List<Resource> record, List<Resource> draftOrders) {
			this(hook, now, patient, record, draftOrders, Optional.empty());
		}
	}

	public PatientFacts assemble(Input input) {
		Resources all = new Resources(Stream.concat(input.record().stream(), input.draftOrders().stream()).toList());
		List<MedicationRequest> orders = stemiracOrders(input.draftOrders(), all);
		List<MedicationAdministration> administrations = all.of(MedicationAdministration.class).stream()
				.filter(a -> isStemirac(a.getMedication(), all))
				.toList();
		Optional<PractitionerRole> role = responsibleRole(input.hook(), orders, administrations, all)
				.or(() -> input.user().flatMap(user -> all.resolve(user, PractitionerRole.class)));
		return new PatientFacts(
				input.hook(),
				input.now(),
				codeSets,
				new Subject(id(input.patient()),
						Optional.of(input.patient().getBirthDateElement()).filter(DateType::hasValue).map(this::localDate),
						Optional.ofNullable(input.patient().getGender()).map(g -> g.toCode())),
				all.of(Condition.class).stream().map(this::condition).toList(),
				all.of(AllergyIntolerance.class).stream()
						.map(a -> new AllergyFact(id(a), codes(a.getCode()), isActive(a),
								a.getCategory().stream().anyMatch(c -> c.getValue() == AllergyIntolerance.AllergyIntoleranceCategory.MEDICATION)))
						.toList(),
				observations(all, AIS).stream().map(this::ais).flatMap(Optional::stream).toList(),
				vitals(all),
				collections(all, input.draftOrders()),
				orders.stream().map(o -> new StemiracOrder(id(o), plannedAt(o), lot(o.getMedication()))).toList(),
				administrations.stream()
						.filter(a -> a.getStatus() == MedicationAdministration.MedicationAdministrationStatus.COMPLETED)
						.map(a -> new Administration(id(a), instant(a.getEffectiveDateTimeType()), lot(a.getMedication()))).toList(),
				dosing(input.hook(), orders, administrations.stream().filter(input.draftOrders()::contains).toList()),
				products(orders, administrations, all),
				paperwork(all),
				role.flatMap(r -> physician(r, all))
						.or(() -> input.user().flatMap(user -> all.resolve(user, Practitioner.class)).map(FactsAssembler::physician)),
				role.flatMap(r -> all.resolve(r.getOrganization(), Organization.class)).map(FactsAssembler::facility),
				List.of(),
				List.of(),
				List.of());
	}

	private ConditionFact condition(Condition condition) {
		boolean active = !condition.hasClinicalStatus()
				|| condition.getClinicalStatus().getCoding().stream().anyMatch(c -> ACTIVE.contains(c.getCode()));
		Optional<LocalDate> onset = condition.hasOnsetDateTimeType()
				? Optional.of(localDate(condition.getOnsetDateTimeType()))
				: Optional.empty();
		return new ConditionFact(id(condition), codes(condition.getCode()), active, onset);
	}

	private Optional<AisAssessment> ais(Observation observation) {
		if (!observation.hasValueCodeableConcept() || !observation.hasEffectiveDateTimeType()) return Optional.empty();
		return observation.getValueCodeableConcept().getCoding().stream()
				.filter(c -> AIS_GRADE_SYSTEM.equals(c.getSystem()))
				.findFirst()
				.map(grade -> new AisAssessment(id(observation), grade.getCode(), instant(observation.getEffectiveDateTimeType()),
						Optional.ofNullable(observation.getExtensionByUrl(AIS_TIMEPOINT_EXTENSION))
								.map(e -> ((CodeableConcept) e.getValue()).getCodingFirstRep().getCode()),
						FINAL.contains(observation.getStatus().toCode())));
	}

	private Vitals vitals(Resources all) {
		List<BloodPressure> pressures = observations(all, BLOOD_PRESSURE_PANEL).stream()
				.filter(Observation::hasEffectiveDateTimeType)
				.flatMap(o -> component(o, SYSTOLIC).flatMap(sys -> component(o, DIASTOLIC)
						.map(dia -> new BloodPressure(id(o), sys, dia, instant(o.getEffectiveDateTimeType())))).stream())
				.toList();
		return new Vitals(measurements(all, BODY_WEIGHT), measurements(all, BODY_HEIGHT), measurements(all, HAEMOGLOBIN),
				pressures);
	}

	private List<Measurement> measurements(Resources all, String loinc) {
		return observations(all, loinc).stream()
				.filter(o -> o.hasValueQuantity() && o.hasEffectiveDateTimeType())
				.map(o -> new Measurement(id(o), o.getValueQuantity().getValue().doubleValue(),
						instant(o.getEffectiveDateTimeType())))
				.toList();
	}

	private static Optional<Double> component(Observation panel, String loinc) {
		return panel.getComponent().stream()
				.filter(c -> hasCoding(c.getCode(), LOINC, loinc) && c.hasValueQuantity())
				.map(c -> c.getValueQuantity().getValue().doubleValue())
				.findFirst();
	}

	private static List<Observation> observations(Resources all, String loinc) {
		return all.of(Observation.class).stream()
				.filter(o -> o.getStatus() != Observation.ObservationStatus.ENTEREDINERROR)
				.filter(o -> hasCoding(o.getCode(), LOINC, loinc))
				.toList();
	}

	private List<Collection> collections(Resources all, List<Resource> draftOrders) {
		Stream<Collection> done = all.of(Procedure.class).stream()
				.filter(p -> p.getStatus() == Procedure.ProcedureStatus.COMPLETED)
				.flatMap(p -> collection(id(p), p.getCode(), CollectionStatus.DONE,
						p.hasPerformedDateTimeType() ? Optional.of(instant(p.getPerformedDateTimeType())) : Optional.empty()).stream());
		Stream<Collection> requested = all.of(ServiceRequest.class).stream()
				.filter(s -> s.getStatus() != ServiceRequest.ServiceRequestStatus.REVOKED
						&& s.getStatus() != ServiceRequest.ServiceRequestStatus.ENTEREDINERROR)
				.flatMap(s -> collection(id(s), s.getCode(), draftOrders.contains(s) ? CollectionStatus.ORDERING
								: CollectionStatus.PLANNED,
						s.hasOccurrenceDateTimeType() ? Optional.of(instant(s.getOccurrenceDateTimeType())) : Optional.empty()).stream());
		return Stream.concat(done, requested).toList();
	}

	private static Optional<Collection> collection(String id, CodeableConcept code, CollectionStatus status, Optional<Instant> when) {
		if (hasCoding(code, PROCEDURE_SYSTEM, BONE_MARROW)) return Optional.of(new Collection(id, CollectionKind.BONE_MARROW, status, when));
		if (hasCoding(code, PROCEDURE_SYSTEM, PERIPHERAL_BLOOD)) return Optional.of(new Collection(id, CollectionKind.PERIPHERAL_BLOOD, status, when));
		return Optional.empty();
	}

	private static List<MedicationRequest> stemiracOrders(List<Resource> draftOrders, Resources all) {
		return draftOrders.stream()
				.filter(MedicationRequest.class::isInstance)
				.map(MedicationRequest.class::cast)
				.filter(o -> isStemirac(o.getMedication(), all))
				.toList();
	}

	private static Optional<Instant> plannedAt(MedicationRequest order) {
		return order.getDosageInstruction().stream()
				.flatMap(d -> d.getTiming().getEvent().stream())
				.findFirst()
				.map(event -> event.getValue().toInstant());
	}

	private List<Dosing> dosing(Hook hook, List<MedicationRequest> orders, List<MedicationAdministration> administrations) {
		if (hook == Hook.ADMINISTRATION) {
			return administrations.stream().map(a -> new Dosing(id(a), cells(a.getDosage().getDose()),
					rate(a.getDosage().hasRateQuantity() ? a.getDosage().getRateQuantity() : null),
					dilution(a.getDosage().getExtensionByUrl(DILUTION_EXTENSION)), route(a.getDosage().getRoute()))).toList();
		}
		return orders.stream().map(o -> {
			Dosage dosage = o.getDosageInstructionFirstRep();
			Dosage.DosageDoseAndRateComponent doseAndRate = dosage.getDoseAndRateFirstRep();
			return new Dosing(id(o), cells(doseAndRate.hasDoseQuantity() ? doseAndRate.getDoseQuantity() : null),
					rate(doseAndRate.hasRateQuantity() ? doseAndRate.getRateQuantity() : null),
					dilution(dosage.getExtensionByUrl(DILUTION_EXTENSION)), route(dosage.getRoute()));
		}).toList();
	}

	private static Optional<Double> cells(Quantity dose) {
		return Optional.ofNullable(dose).filter(q -> q.hasValue() && CELLS_UNIT.equals(q.getCode()))
				.map(q -> q.getValue().doubleValue());
	}

	private static Optional<Double> rate(Quantity rate) {
		return Optional.ofNullable(rate).filter(Quantity::hasValue).map(q -> q.getValue().doubleValue());
	}

	private static Optional<Double> dilution(Extension extension) {
		return Optional.ofNullable(extension).map(e -> ((DecimalType) e.getValue()).getValue().doubleValue());
	}

	private static Optional<Code> route(CodeableConcept route) {
		return route.getCoding().stream().findFirst().map(c -> new Code(c.getSystem(), c.getCode()));
	}

	private static List<ProductLot> products(List<MedicationRequest> orders, List<MedicationAdministration> administrations, Resources all) {
		return Stream.concat(orders.stream().map(MedicationRequest::getMedication),
						administrations.stream().map(MedicationAdministration::getMedication))
				.filter(Reference.class::isInstance)
				.flatMap(ref -> all.resolve((Reference) ref, Medication.class).stream())
				.distinct()
				.map(m -> new ProductLot(id(m), Optional.ofNullable(m.getExtensionByUrl(AUTOLOGOUS_SOURCE_EXTENSION))
						.map(e -> ((Reference) e.getValue()).getReferenceElement().toUnqualifiedVersionless().getValue())))
				.toList();
	}

	private static Paperwork paperwork(Resources all) {
		List<String> consents = all.of(Consent.class).stream()
				.filter(c -> c.getStatus() == Consent.ConsentState.ACTIVE)
				.filter(c -> c.getProvision().getCode().stream().anyMatch(cc -> hasCoding(cc, PRODUCT_SYSTEM, PRODUCT_CODE))
						|| c.getCategory().stream().anyMatch(cc -> hasCoding(cc, PRODUCT_SYSTEM, PRODUCT_CODE)))
				.map(FactsAssembler::id)
				.toList();
		List<String> registry = all.of(EpisodeOfCare.class).stream()
				.filter(e -> e.getIdentifier().stream().anyMatch(i -> REGISTRY_SYSTEM.equals(i.getSystem())))
				.map(FactsAssembler::id)
				.toList();
		return new Paperwork(consents, List.of(), registry);
	}

	/** The order's requester, else the administration's performer, as a PractitionerRole. */
	private static Optional<PractitionerRole> responsibleRole(
			Hook hook, List<MedicationRequest> orders, List<MedicationAdministration> administrations, Resources all) {
		Stream<Reference> candidates = hook == Hook.ADMINISTRATION
				? administrations.stream().flatMap(a -> a.getPerformer().stream()).map(p -> p.getActor())
				: orders.stream().map(MedicationRequest::getRequester);
		return candidates.flatMap(ref -> all.resolve(ref, PractitionerRole.class).stream()).findFirst();
	}

	private static Optional<Physician> physician(PractitionerRole role, Resources all) {
		return all.resolve(role.getPractitioner(), Practitioner.class).map(p -> new Physician(id(role), qualifications(p)));
	}

	private static Physician physician(Practitioner practitioner) {
		return new Physician(id(practitioner), qualifications(practitioner));
	}

	private static Set<String> qualifications(Practitioner practitioner) {
		return practitioner.getQualification().stream()
				.flatMap(q -> q.getCode().getCoding().stream())
				.filter(c -> PHYSICIAN_REQUIREMENT_SYSTEM.equals(c.getSystem()))
				.map(Coding::getCode)
				.collect(Collectors.toSet());
	}

	private static Facility facility(Organization organization) {
		Map<String, Boolean> requirements = new HashMap<>();
		for (Extension item : organization.getExtensionsByUrl(FACILITY_REQUIREMENT_EXTENSION)) {
			Extension code = item.getExtensionByUrl("code");
			Extension met = item.getExtensionByUrl("met");
			if (code != null && met != null) {
				requirements.put(((Coding) code.getValue()).getCode(), ((BooleanType) met.getValue()).booleanValue());
			}
		}
		return new Facility(id(organization), requirements, List.of());
	}

	/** STEMIRAC as a code, or a reference to a Medication (among {@code all}) coded STEMIRAC. */
	public static boolean isStemirac(Type medication, Resources all) {
		if (medication instanceof CodeableConcept concept) return hasCoding(concept, PRODUCT_SYSTEM, PRODUCT_CODE);
		if (medication instanceof Reference reference) {
			return all.resolve(reference, Medication.class).filter(m -> hasCoding(m.getCode(), PRODUCT_SYSTEM, PRODUCT_CODE)).isPresent();
		}
		return false;
	}

	private static Optional<String> lot(Type medication) {
		return medication instanceof Reference reference && reference.hasReference()
				? Optional.of(reference.getReferenceElement().toUnqualifiedVersionless().getValue())
				: Optional.empty();
	}

	private static boolean isActive(AllergyIntolerance allergy) {
		return !allergy.hasClinicalStatus()
				|| allergy.getClinicalStatus().getCoding().stream().anyMatch(c -> "active".equals(c.getCode()));
	}

	private static boolean hasCoding(CodeableConcept concept, String system, String code) {
		return concept.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
	}

	private static List<Code> codes(CodeableConcept concept) {
		return concept.getCoding().stream().map(c -> new Code(c.getSystem(), c.getCode())).toList();
	}

	private static Instant instant(BaseDateTimeType dateTime) {
		return dateTime.getValue().toInstant();
	}

	/** A date-only value is that calendar day; a date-time is its day in the configured zone. */
	private LocalDate localDate(BaseDateTimeType dateTime) {
		if (dateTime.getPrecision().ordinal() <= TemporalPrecisionEnum.DAY.ordinal()) {
			return LocalDate.of(dateTime.getYear(), dateTime.getMonth() + 1, dateTime.getDay());
		}
		return instant(dateTime).atZone(zone).toLocalDate();
	}

	public static String id(Resource resource) {
		return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
	}
}
