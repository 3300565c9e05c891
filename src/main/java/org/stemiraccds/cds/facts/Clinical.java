package org.stemiraccds.cds.facts;

import static org.stemiraccds.cds.facts.FactsAssembler.id;
import static org.stemiraccds.cds.facts.FhirCodes.BONE_MARROW;
import static org.stemiraccds.cds.facts.FhirCodes.PERIPHERAL_BLOOD;
import static org.stemiraccds.cds.facts.FhirCodes.PROCEDURE_SYSTEM;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.AllergyIntolerance.AllergyIntoleranceCategory;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.stemiraccds.guideline.PatientFacts.AllergyFact;
import org.stemiraccds.guideline.PatientFacts.Collection;
import org.stemiraccds.guideline.PatientFacts.CollectionKind;
import org.stemiraccds.guideline.PatientFacts.CollectionStatus;
import org.stemiraccds.guideline.PatientFacts.ConditionFact;

/** Conditions, allergies and marrow or blood collections, with FHIR's statuses (the rule catalogue's Revision 2, statuses and time). */
final class Clinical {
	/** A condition or allergy entered in error or refuted does not exist for the rules, whatever its clinical status. */
	private static final Set<String> NOT_THERE = Set.of("entered-in-error", "refuted");
	private static final Set<String> ACTIVE = Set.of("active", "recurrence", "relapse");
	private static final Set<String> ALLERGY_ACTIVE = Set.of("active");

	private final Resources all;
	private final FhirTime time;

	Clinical(Resources all, FhirTime time) {
		this.all = all;
		this.time = time;
	}

	List<ConditionFact> conditions() {
		return all.of(Condition.class).stream()
				.filter(c -> !c.hasVerificationStatus() || !Concepts.hasCode(c.getVerificationStatus(), NOT_THERE))
				.map(c -> new ConditionFact(id(c), Concepts.codes(c.getCode()),
						!c.hasClinicalStatus() || Concepts.hasCode(c.getClinicalStatus(), ACTIVE), time.onsetDay(c.getOnset())))
				.toList();
	}

	/** Allergies of any clinical status: active when stated active or not stated; medication by category. */
	List<AllergyFact> allergies() {
		return all.of(AllergyIntolerance.class).stream()
				.filter(a -> !a.hasVerificationStatus() || !Concepts.hasCode(a.getVerificationStatus(), NOT_THERE))
				.map(a -> new AllergyFact(id(a), Concepts.codes(a.getCode()),
						!a.hasClinicalStatus() || Concepts.hasCode(a.getClinicalStatus(), ALLERGY_ACTIVE),
						a.getCategory().stream().anyMatch(c -> c.getValue() == AllergyIntoleranceCategory.MEDICATION)))
				.toList();
	}

	/** Completed collection Procedures (done), and collection ServiceRequests: planned on record, ordering in this request. */
	List<Collection> collections(FactsAssembler.Input input) {
		Stream<Collection> done = all.of(Procedure.class).stream()
				.filter(p -> p.getStatus() == Procedure.ProcedureStatus.COMPLETED)
				.flatMap(p -> collection(id(p), p.getCode(), CollectionStatus.DONE, time.effective(p.getPerformed())).stream());
		Stream<Collection> requested = all.of(ServiceRequest.class).stream()
				.filter(s -> s.getStatus() != ServiceRequestStatus.REVOKED && s.getStatus() != ServiceRequestStatus.ENTEREDINERROR)
				.flatMap(s -> collection(id(s), s.getCode(), input.isDraft(s) ? CollectionStatus.ORDERING : CollectionStatus.PLANNED,
						time.effective(s.getOccurrence())).stream());
		return Stream.concat(done, requested).toList();
	}

	private static Optional<Collection> collection(String id, CodeableConcept code, CollectionStatus status, Optional<Instant> when) {
		if (Concepts.hasCoding(code, PROCEDURE_SYSTEM, BONE_MARROW)) return Optional.of(new Collection(id, CollectionKind.BONE_MARROW, status, when));
		if (Concepts.hasCoding(code, PROCEDURE_SYSTEM, PERIPHERAL_BLOOD)) {
			return Optional.of(new Collection(id, CollectionKind.PERIPHERAL_BLOOD, status, when));
		}
		return Optional.empty();
	}
}
