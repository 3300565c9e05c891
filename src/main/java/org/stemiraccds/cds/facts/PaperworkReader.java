package org.stemiraccds.cds.facts;

import static org.stemiraccds.cds.facts.FhirCodes.REFERRAL_CODES;
import static org.stemiraccds.cds.facts.FhirCodes.REGISTRY_SYSTEM;
import static org.stemiraccds.cds.facts.FhirCodes.SNOMED;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Consent.ConsentState;
import org.hl7.fhir.r4.model.Consent.ConsentProvisionType;
import org.hl7.fhir.r4.model.Consent.ProvisionComponent;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.EpisodeOfCare.EpisodeOfCareStatus;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.stemiraccds.guideline.PatientFacts.Paperwork;
import org.stemiraccds.guideline.PatientFacts.Referral;

/** Consents and refusals (§6②), registry enrolments (§4 ①-1(6)) and referrals for rehabilitation (§4 ①-5). */
final class PaperworkReader {
	private final Resources all;

	PaperworkReader(Resources all) {
		this.all = all;
	}

	/**
	 * A STEMIRAC consent is active with a permit provision (or none typed); a deny provision or a rejected
	 * consent is a refusal (§6 ②; the rule catalogue's Revision 2, statuses). The provision that names STEMIRAC decides, the most
	 * specific one when nested.
	 */
	Paperwork paperwork() {
		List<String> consents = new ArrayList<>();
		List<String> refusals = new ArrayList<>();
		for (Consent consent : all.of(Consent.class)) {
			Optional<ProvisionComponent> provision = stemiracProvision(consent);
			if (provision.isEmpty()) continue;
			boolean deny = provision.get().getType() == ConsentProvisionType.DENY;
			if (consent.getStatus() == ConsentState.ACTIVE && !deny) consents.add(FactsAssembler.id(consent));
			if (consent.getStatus() == ConsentState.REJECTED || consent.getStatus() == ConsentState.ACTIVE && deny) {
				refusals.add(FactsAssembler.id(consent));
			}
		}
		return new Paperwork(consents, refusals, registryEpisodes().map(FactsAssembler::id).toList());
	}

	/** Registry EpisodeOfCares (patient-registry identifier) that happened: not cancelled or entered in error. */
	Stream<EpisodeOfCare> registryEpisodes() {
		return all.of(EpisodeOfCare.class).stream()
				.filter(e -> e.getIdentifier().stream().anyMatch(i -> REGISTRY_SYSTEM.equals(i.getSystem())))
				.filter(e -> e.getStatus() != EpisodeOfCareStatus.CANCELLED && e.getStatus() != EpisodeOfCareStatus.ENTEREDINERROR);
	}

	/**
	 * Active referral ServiceRequests (SNOMED CT 3457005 Patient referral or 306206005 Referral to service, as
	 * category or code) and the Organizations they refer to: performers that are Organizations, or
	 * PractitionerRoles at one.
	 */
	List<Referral> referrals() {
		return all.of(ServiceRequest.class).stream()
				.filter(s -> s.getStatus() == ServiceRequest.ServiceRequestStatus.ACTIVE)
				.filter(s -> (s.hasCode() && Concepts.hasCoding(s.getCode(), SNOMED, REFERRAL_CODES))
						|| s.getCategory().stream().anyMatch(c -> Concepts.hasCoding(c, SNOMED, REFERRAL_CODES)))
				.flatMap(s -> s.getPerformer().stream().flatMap(p -> organization(p).stream()).distinct()
						.map(organization -> new Referral(FactsAssembler.id(s), organization)))
				.toList();
	}

	private Optional<String> organization(Reference performer) {
		Optional<String> direct = Optional.of(performer)
				.filter(p -> p.hasReference() && "Organization".equals(p.getReferenceElement().getResourceType()))
				.map(FactsAssembler::referenceId);
		return direct
				.or(() -> all.resolve(performer, Organization.class).map(FactsAssembler::id))
				.or(() -> all.resolve(performer, PractitionerRole.class)
						.filter(r -> r.hasOrganization() && r.getOrganization().hasReference())
						.map(r -> FactsAssembler.referenceId(r.getOrganization())));
	}

	private static Optional<ProvisionComponent> stemiracProvision(Consent consent) {
		if (!consent.hasProvision()) {
			return consent.getCategory().stream().anyMatch(Concepts::namesStemirac) ? Optional.of(new ProvisionComponent()) : Optional.empty();
		}
		return mostSpecific(consent.getProvision())
				.or(() -> Optional.of(consent.getProvision()).filter(p -> consent.getCategory().stream().anyMatch(Concepts::namesStemirac)));
	}

	private static Optional<ProvisionComponent> mostSpecific(ProvisionComponent provision) {
		Optional<ProvisionComponent> nested = provision.getProvision().stream().map(PaperworkReader::mostSpecific)
				.flatMap(Optional::stream).findFirst();
		if (nested.isPresent()) return nested;
		return provision.getCode().stream().anyMatch(Concepts::namesStemirac) ? Optional.of(provision) : Optional.empty();
	}
}
