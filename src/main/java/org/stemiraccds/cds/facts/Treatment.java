package org.stemiraccds.cds.facts;

import static org.stemiraccds.cds.facts.FactsAssembler.id;
import static org.stemiraccds.cds.facts.FhirCodes.AUTOLOGOUS_SOURCE_EXTENSION;
import static org.stemiraccds.cds.facts.FhirCodes.DILUTION_EXTENSION;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationAdministration.MedicationAdministrationStatus;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationRequest.MedicationRequestStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.stemiraccds.guideline.Code;
import org.stemiraccds.guideline.CodeSets;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts.Administration;
import org.stemiraccds.guideline.PatientFacts.Dosing;
import org.stemiraccds.guideline.PatientFacts.ProductLot;
import org.stemiraccds.guideline.PatientFacts.QuantityKind;
import org.stemiraccds.guideline.PatientFacts.StemiracOrder;
import org.stemiraccds.guideline.rules.dose.DoseRoute;

/**
 * STEMIRAC orders, administrations, their doses and lots, and STEMIRAC on record, read with FHIR's statuses
 * (the rule catalogue's Revision 2, statuses): the single administration (SAF-REPEAT-DOSE) was given when completed, in progress
 * or stopped; a stored order counts when active or completed.
 */
final class Treatment {
	private static final Set<MedicationAdministrationStatus> GIVEN = EnumSet.of(MedicationAdministrationStatus.COMPLETED,
			MedicationAdministrationStatus.INPROGRESS, MedicationAdministrationStatus.STOPPED);
	/** Whether this administration was given (its status), whatever the drug. */
	static boolean given(MedicationAdministration administration) {
		return GIVEN.contains(administration.getStatus());
	}

	private static final Set<MedicationRequestStatus> ON_RECORD = EnumSet.of(MedicationRequestStatus.ACTIVE, MedicationRequestStatus.COMPLETED);
	private static final String INTRAVENOUS = DoseRoute.VALUE_SET;

	private final FactsAssembler.Input input;
	private final Resources all;
	private final FhirTime time;
	private final Quantities quantities;
	private final CodeSets codeSets;

	Treatment(FactsAssembler.Input input, Resources all, FhirTime time, Quantities quantities, CodeSets codeSets) {
		this.input = input;
		this.all = all;
		this.time = time;
		this.quantities = quantities;
		this.codeSets = codeSets;
	}

	/** The STEMIRAC MedicationRequests being decided (draft orders). */
	List<MedicationRequest> orders() {
		return input.draftOrders().stream()
				.filter(MedicationRequest.class::isInstance)
				.map(MedicationRequest.class::cast)
				.filter(o -> FactsAssembler.isStemirac(o, o.getMedication(), all))
				.toList();
	}

	/** On MA: the STEMIRAC administrations being written. */
	List<MedicationAdministration> administrationsBeingWritten() {
		if (input.hook() != Hook.ADMINISTRATION) return List.of();
		return stemiracAdministrations().filter(input::isDraft).toList();
	}

	List<StemiracOrder> stemiracOrders(List<MedicationRequest> orders) {
		return orders.stream().map(o -> new StemiracOrder(id(o), plannedAt(o), lot(o, o.getMedication()))).toList();
	}

	/** Administrations that count as given; on MA the one being written always counts, at "now" when it states no time. */
	List<Administration> administrations() {
		return stemiracAdministrations()
				.filter(a -> (input.hook() == Hook.ADMINISTRATION && input.isDraft(a)) || GIVEN.contains(a.getStatus()))
				.flatMap(a -> givenAt(a).map(when -> new Administration(id(a), when, lot(a, a.getMedication()),
						input.hook() == Hook.ADMINISTRATION && input.isDraft(a))).stream())
				.toList();
	}

	/** The doses being decided: the orders' (OS, SG) or the administration's own (MA). */
	List<Dosing> dosing(List<MedicationRequest> orders, List<MedicationAdministration> beingWritten) {
		if (input.hook() == Hook.ADMINISTRATION) return beingWritten.stream().map(this::dosing).toList();
		return orders.stream().map(this::dosing).toList();
	}

	/** The lots ordered or given in this request, with the patient they were made from. */
	List<ProductLot> products(List<MedicationRequest> orders, List<MedicationAdministration> beingWritten) {
		Map<String, ProductLot> lots = new LinkedHashMap<>();
		orders.forEach(o -> product(o, o.getMedication()).ifPresent(lot -> lots.putIfAbsent(lot.id(), lot)));
		beingWritten.forEach(a -> product(a, a.getMedication()).ifPresent(lot -> lots.putIfAbsent(lot.id(), lot)));
		return List.copyOf(lots.values());
	}

	/** Stored STEMIRAC orders (active or completed) and Medications made from this patient, as "Type/id". */
	List<String> stemiracOnRecord() {
		String patient = id(input.patient());
		Stream<String> orders = all.of(MedicationRequest.class).stream()
				.filter(o -> !input.isDraft(o) && ON_RECORD.contains(o.getStatus()))
				.filter(o -> FactsAssembler.isStemirac(o, o.getMedication(), all))
				.map(FactsAssembler::id);
		Stream<String> lots = all.of(Medication.class).stream()
				.filter(m -> autologousSource(m).filter(patient::equals).isPresent())
				.map(FactsAssembler::id);
		return Stream.concat(orders, lots).distinct().toList();
	}

	private Stream<MedicationAdministration> stemiracAdministrations() {
		return all.of(MedicationAdministration.class).stream().filter(a -> FactsAssembler.isStemirac(a, a.getMedication(), all));
	}

	/** effectiveDateTime, or the start of effectivePeriod (the rule catalogue's Revision 2, time); the one being written defaults to now. */
	private Optional<Instant> givenAt(MedicationAdministration administration) {
		Optional<Instant> effective = time.effective(administration.getEffective());
		return input.isDraft(administration) ? effective.or(() -> Optional.of(input.now())) : effective;
	}

	private Optional<Instant> plannedAt(MedicationRequest order) {
		return order.getDosageInstruction().stream()
				.filter(Dosage::hasTiming)
				.flatMap(d -> d.getTiming().getEvent().stream())
				.flatMap(event -> time.instant(event).stream())
				.findFirst();
	}

	private Dosing dosing(MedicationAdministration administration) {
		String id = id(administration);
		if (!administration.hasDosage()) return new Dosing(id, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
		MedicationAdministration.MedicationAdministrationDosageComponent dosage = administration.getDosage();
		Optional<Double> rate = dosage.hasRateRatio() ? quantities.readRate(id, dosage.getRateRatio())
				: dosage.hasRateQuantity() ? quantities.read(id, dosage.getRateQuantity(), QuantityKind.RATE) : Optional.empty();
		Optional<Double> cells = dosage.hasDose() ? quantities.read(id, dosage.getDose(), QuantityKind.DOSE) : Optional.empty();
		return new Dosing(id, cells, rate, dilution(dosage), dosage.hasRoute() ? route(dosage.getRoute()) : Optional.empty());
	}

	private Dosing dosing(MedicationRequest order) {
		String id = id(order);
		Optional<Dosage> dosage = order.getDosageInstruction().stream().findFirst();
		Optional<Dosage.DosageDoseAndRateComponent> doseAndRate = dosage.flatMap(d -> d.getDoseAndRate().stream().findFirst());
		Optional<Double> cells = doseAndRate.filter(Dosage.DosageDoseAndRateComponent::hasDoseQuantity)
				.flatMap(d -> quantities.read(id, d.getDoseQuantity(), QuantityKind.DOSE));
		Optional<Double> rate = doseAndRate.flatMap(d -> d.hasRateRatio() ? quantities.readRate(id, d.getRateRatio())
				: d.hasRateQuantity() ? quantities.read(id, d.getRateQuantity(), QuantityKind.RATE) : Optional.empty());
		return new Dosing(id, cells, rate, dosage.flatMap(Treatment::dilution), dosage.filter(Dosage::hasRoute).flatMap(d -> route(d.getRoute())));
	}

	private static Optional<Double> dilution(Element dosage) {
		List<Extension> extensions = dosage.getExtensionsByUrl(DILUTION_EXTENSION);
		return Concepts.extensionValue(extensions, DecimalType.class).filter(DecimalType::hasValue).map(d -> d.getValue().doubleValue())
				.or(() -> Concepts.extensionValue(extensions, IntegerType.class).filter(IntegerType::hasValue).map(i -> i.getValue().doubleValue()));
	}

	/**
	 * The route DOSE-ROUTE judges: an intravenous coding when there is one; else the first coding in a system
	 * value set route-intravenous uses (a route known there and not intravenous); else none, since a route
	 * known only by a local code or text cannot be judged (the rule catalogue's Revision 2, codes).
	 */
	private Optional<Code> route(CodeableConcept route) {
		if (route == null) return Optional.empty();
		List<Code> codings = route.getCoding().stream().filter(c -> c.hasSystem() && c.hasCode()).map(Concepts::code).toList();
		Optional<Code> intravenous = codings.stream().filter(c -> codeSets.contains(INTRAVENOUS, c)).findFirst();
		if (intravenous.isPresent()) return intravenous;
		Set<String> known = codeSets.codes(INTRAVENOUS).stream().map(Code::system).collect(Collectors.toSet());
		return codings.stream().filter(c -> known.contains(c.system())).findFirst();
	}

	private Optional<ProductLot> product(Resource owner, Type medication) {
		if (!(medication instanceof Reference reference)) return Optional.empty();
		return all.resolve(owner, reference, Medication.class)
				.flatMap(m -> lot(owner, medication).map(lot -> new ProductLot(lot, autologousSource(m))));
	}

	/**
	 * The Medication named as "Medication/id"; a contained one as "Type/owner#id" (it has no id of its own);
	 * empty when the medication is only a code or a reference without a target.
	 */
	static Optional<String> lot(Resource owner, Type medication) {
		if (!(medication instanceof Reference reference) || !reference.hasReference()) return Optional.empty();
		if (reference.getReference().startsWith("#")) return Optional.of(id(owner) + reference.getReference());
		return Optional.ofNullable(FactsAssembler.referenceId(reference));
	}

	static Optional<String> autologousSource(Medication medication) {
		return Concepts.extensionValue(medication.getExtensionsByUrl(AUTOLOGOUS_SOURCE_EXTENSION), Reference.class)
				.filter(Reference::hasReference)
				.map(FactsAssembler::referenceId);
	}
}
