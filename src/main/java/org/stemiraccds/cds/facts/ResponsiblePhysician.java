package org.stemiraccds.cds.facts;

import static org.stemiraccds.cds.facts.FactsAssembler.id;
import static org.stemiraccds.cds.facts.FactsAssembler.referenceId;
import static org.stemiraccds.cds.facts.FhirCodes.FACILITY_REQUIREMENT_EXTENSION;
import static org.stemiraccds.cds.facts.FhirCodes.PHYSICIAN_REQUIREMENT_SYSTEM;
import static org.stemiraccds.cds.facts.FhirCodes.TRANSFER_REQUIREMENT;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.stemiraccds.guideline.PatientFacts.Facility;
import org.stemiraccds.guideline.PatientFacts.Physician;

/**
 * The physician responsible for the treatment (§4 ①-2) and the organisation that treats: the careManager of
 * the active registry EpisodeOfCare; else the order's requester (on MA: the requester of the
 * MedicationRequest the administration fulfils; its performer, often a nurse, is never judged); else the hook's
 * user. A Practitioner counts through their PractitionerRole at the ordering organisation, or alone.
 */
final class ResponsiblePhysician {
	private final Resources all;
	private final Optional<Reference> user;
	/** The order the treatment follows: the draft order, or on MA the administration's request. */
	private final Optional<MedicationRequest> order;
	private final Optional<Reference> careManager;

	ResponsiblePhysician(Resources all, Optional<Reference> user, List<MedicationRequest> orders,
			List<MedicationAdministration> beingWritten, Stream<EpisodeOfCare> registryEpisodes) {
		this.all = all;
		this.user = user;
		this.order = Stream.concat(orders.stream(),
						beingWritten.stream().flatMap(a -> all.resolve(a, a.getRequest(), MedicationRequest.class).stream()))
				.findFirst();
		this.careManager = registryEpisodes
				.filter(e -> e.getStatus() == EpisodeOfCare.EpisodeOfCareStatus.ACTIVE && e.hasCareManager())
				.map(EpisodeOfCare::getCareManager)
				.findFirst();
	}

	/** A resolved physician: as a role (with its organisation) or as a practitioner alone. */
	private record Responsible(Physician physician, Optional<Organization> organization) {}

	Optional<Physician> physician() {
		return responsible().map(Responsible::physician);
	}

	/** The responsible physician's organisation, else the ordering organisation. */
	Optional<Facility> facility() {
		return responsible().flatMap(Responsible::organization).or(this::orderingOrganization).map(ResponsiblePhysician::facility);
	}

	private Optional<Responsible> responsible() {
		Stream<Reference> candidates = Stream.concat(Stream.concat(careManager.stream(), order.map(MedicationRequest::getRequester).stream()),
				user.stream());
		return candidates.flatMap(reference -> resolve(reference).stream()).findFirst();
	}

	private Optional<Responsible> resolve(Reference reference) {
		Optional<Responsible> asRole = all.resolve(reference, PractitionerRole.class).flatMap(this::asRole);
		return asRole.or(() -> all.resolve(reference, Practitioner.class).map(this::asPractitioner));
	}

	private Optional<Responsible> asRole(PractitionerRole role) {
		return all.resolve(role.getPractitioner(), Practitioner.class)
				.map(p -> new Responsible(new Physician(id(role), qualifications(p)), all.resolve(role.getOrganization(), Organization.class)));
	}

	/** Through their role at the ordering organisation (or their only role when that is not known), else alone. */
	private Responsible asPractitioner(Practitioner practitioner) {
		List<PractitionerRole> roles = all.of(PractitionerRole.class).stream()
				.filter(r -> r.hasPractitioner() && id(practitioner).equals(referenceId(r.getPractitioner())))
				.toList();
		Optional<String> ordering = orderingOrganization().map(FactsAssembler::id);
		Optional<PractitionerRole> role = ordering.isPresent()
				? roles.stream().filter(r -> r.hasOrganization() && ordering.get().equals(referenceId(r.getOrganization()))).findFirst()
				: roles.size() == 1 ? Optional.of(roles.get(0)) : Optional.empty();
		return role.flatMap(this::asRole)
				.orElseGet(() -> new Responsible(new Physician(id(practitioner), qualifications(practitioner)), Optional.empty()));
	}

	/** The order's performer Organization, else its requester's role's organisation, else the hook user's. */
	private Optional<Organization> orderingOrganization() {
		Optional<Organization> performer = order.filter(MedicationRequest::hasPerformer)
				.flatMap(o -> all.resolve(o.getPerformer(), Organization.class));
		return performer
				.or(() -> order.flatMap(o -> roleOrganization(o.getRequester())))
				.or(() -> user.flatMap(this::roleOrganization));
	}

	private Optional<Organization> roleOrganization(Reference reference) {
		return all.resolve(reference, PractitionerRole.class).flatMap(r -> all.resolve(r.getOrganization(), Organization.class));
	}

	private static Set<String> qualifications(Practitioner practitioner) {
		return practitioner.getQualification().stream()
				.filter(q -> q.hasCode())
				.flatMap(q -> q.getCode().getCoding().stream())
				.filter(c -> PHYSICIAN_REQUIREMENT_SYSTEM.equals(c.getSystem()) && c.hasCode())
				.map(Coding::getCode)
				.collect(Collectors.toSet());
	}

	/** Per §4 item whether it is met, and the partners item 1-5 names (the rehabilitation transfer). */
	private static Facility facility(Organization organization) {
		Map<String, Boolean> requirements = new HashMap<>();
		List<String> partners = new ArrayList<>();
		for (Extension item : organization.getExtensionsByUrl(FACILITY_REQUIREMENT_EXTENSION)) {
			Optional<String> code = value(item, "code", Coding.class).map(Coding::getCode);
			Optional<Boolean> met = value(item, "met", BooleanType.class).filter(BooleanType::hasValue).map(BooleanType::booleanValue);
			if (code.isEmpty()) continue;
			met.ifPresent(m -> requirements.merge(code.get(), m, Boolean::logicalAnd));
			if (TRANSFER_REQUIREMENT.equals(code.get())) {
				item.getExtensionsByUrl("partner").stream()
						.map(Extension::getValue)
						.filter(v -> v instanceof Reference partner && partner.hasReference())
						.map(v -> referenceId((Reference) v))
						.forEach(partners::add);
			}
		}
		return new Facility(id(organization), requirements, partners.stream().distinct().toList());
	}

	private static <T> Optional<T> value(Extension item, String url, Class<T> type) {
		return Concepts.extensionValue(item.getExtensionsByUrl(url), type);
	}
}
