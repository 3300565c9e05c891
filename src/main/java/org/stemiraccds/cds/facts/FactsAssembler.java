package org.stemiraccds.cds.facts;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;
import org.stemiraccds.guideline.CodeSets;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.PatientFacts;
import org.stemiraccds.guideline.PatientFacts.Subject;

/**
 * FHIR R4 resources (the patient's record plus the request's draft orders) → the facts the rules read.
 * Done once per evaluation, with FHIR's own semantics (the rule catalogue's Revision 2: statuses, UCUM units, every
 * coding, partial dates): whatever valid R4 an EHR sends is read, never refused.
 */
public final class FactsAssembler {
	private final CodeSets codeSets;
	private final FhirTime time;

	public FactsAssembler(CodeSets codeSets, ZoneId zone) {
		this.codeSets = codeSets;
		this.time = new FhirTime(zone);
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

		/** This very resource is one of the request's draft orders (by identity: a stored copy may share its id). */
		public boolean isDraft(Resource resource) {
			return draftOrders.stream().anyMatch(draft -> draft == resource);
		}
	}

	public PatientFacts assemble(Input input) {
		Resources all = new Resources(recordWithDrafts(input));
		Quantities quantities = new Quantities();
		Clinical clinical = new Clinical(all, time);
		Observations observations = new Observations(all, time, quantities);
		Treatment treatment = new Treatment(input, all, time, quantities, codeSets);
		PaperworkReader paperwork = new PaperworkReader(all);
		List<MedicationRequest> orders = treatment.orders();
		List<MedicationAdministration> beingWritten = treatment.administrationsBeingWritten();
		ResponsiblePhysician responsible = new ResponsiblePhysician(all, input.user(), orders, beingWritten, paperwork.registryEpisodes());
		return new PatientFacts(
				input.hook(),
				input.now(),
				codeSets,
				subject(input.patient(), time),
				clinical.conditions(),
				clinical.allergies(),
				observations.ais(),
				observations.vitals(),
				clinical.collections(input),
				treatment.stemiracOrders(orders),
				treatment.administrations(),
				treatment.dosing(orders, beingWritten),
				treatment.products(orders, beingWritten),
				paperwork.paperwork(),
				responsible.physician(),
				responsible.facility(),
				treatment.stemiracOnRecord(),
				paperwork.referrals(),
				quantities.unreadable(),
				new AdverseEvents(all, time).facts());
	}

	/** The record and the drafts; a stored version of a resource being written gives way to the draft. */
	private static List<Resource> recordWithDrafts(Input input) {
		Set<String> drafted = input.draftOrders().stream()
				.filter(r -> r.getIdElement().hasIdPart())
				.map(FactsAssembler::id)
				.collect(Collectors.toSet());
		return Stream.concat(input.record().stream().filter(r -> !drafted.contains(id(r))), input.draftOrders().stream()).toList();
	}

	private static Subject subject(Patient patient, FhirTime time) {
		return new Subject(id(patient),
				patient.hasBirthDateElement() ? time.birthDate(patient.getBirthDateElement()) : Optional.empty(),
				Optional.ofNullable(patient.getGender()).filter(g -> g != Enumerations.AdministrativeGender.NULL).map(g -> g.toCode()));
	}

	/**
	 * STEMIRAC as a code, or a reference to a Medication (contained in {@code owner} as "#id", among {@code all},
	 * or attached to the reference by the parser) coded or named STEMIRAC (the rule catalogue's Revision 2, codes).
	 */
	public static boolean isStemirac(Resource owner, Type medication, Resources all) {
		if (medication instanceof CodeableConcept concept) return Concepts.namesStemirac(concept);
		if (medication instanceof Reference reference) {
			return all.resolve(owner, reference, Medication.class).filter(m -> m.hasCode() && Concepts.namesStemirac(m.getCode())).isPresent();
		}
		return false;
	}

	/** Given, by FHIR's status: completed, in progress or stopped (not entered-in-error, not-done, on-hold, unknown). */
	public static boolean wasGiven(MedicationAdministration administration) {
		return Treatment.given(administration);
	}

	public static String id(Resource resource) {
		return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
	}

	/** The "Type/id" a reference names, without version or server base (null when it names none). */
	public static String referenceId(Reference reference) {
		return reference.getReferenceElement().toUnqualifiedVersionless().getValue();
	}
}
