package org.stemiraccds.cds.record;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.EpisodeOfCare;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.stemiraccds.cds.facts.FactsAssembler;

/**
 * The resources that orders, administrations and the registry episode point at and the rules need: the lot's
 * Medication; the MedicationRequest an administration fulfils (its requester is the physician on MA, §4 ①-2);
 * the physician — the registry EpisodeOfCare's careManager, the order's requester, the hook's user — as
 * PractitionerRole with its Practitioner and Organization, or as a Practitioner with their roles and those roles'
 * Organizations; and the order's performer Organization. Those already at hand are used; the rest are read from
 * the given source (this server's database, or the EHR's FHIR server).
 */
public final class ReferencedResources {
	private final Map<String, Resource> known = new HashMap<>();
	private final ResourceSource source;
	private final List<Resource> added = new ArrayList<>();
	/** Read once and not found: not read again for the next reference to it. */
	private final Set<String> absent = new HashSet<>();
	/** Practitioners whose roles were searched already. */
	private final Set<String> searchedRoles = new HashSet<>();

	private ReferencedResources(List<Resource> atHand, ResourceSource source) {
		atHand.forEach(r -> known.put(FactsAssembler.id(r), r));
		this.source = source;
	}

	/**
	 * The Medication an administration names by "Medication/id", to be read from this server; empty for a contained
	 * one, a code, or a reference to another server or type.
	 */
	public static Optional<IdType> storedMedication(MedicationAdministration administration) {
		if (!administration.hasMedicationReference()) return Optional.empty();
		Reference reference = administration.getMedicationReference();
		if (!reference.hasReference() || reference.getReference().startsWith("#")) return Optional.empty();
		IIdType id = reference.getReferenceElement();
		if (!"Medication".equals(id.getResourceType()) || !id.hasIdPart()) return Optional.empty();
		return Optional.of(new IdType("Medication", id.getIdPart()));
	}

	/** What {@code record}, {@code draftOrders} and {@code user} reference and {@code record} lacks. */
	public static List<Resource> missingFrom(List<Resource> record, List<Resource> draftOrders, Optional<Reference> user,
			ResourceSource source) {
		List<Resource> atHand = new ArrayList<>(record);
		atHand.addAll(draftOrders);
		ReferencedResources resolver = new ReferencedResources(atHand, source);
		for (Resource resource : atHand) {
			if (resource instanceof MedicationAdministration a) {
				resolver.resolve(a.getMedication());
				resolver.resolve(a.getRequest()).ifPresent(resolver::order);
			}
			if (resource instanceof MedicationRequest o) resolver.order(o);
			if (resource instanceof EpisodeOfCare e && e.hasCareManager()) resolver.resolveRole(e.getCareManager());
		}
		user.ifPresent(resolver::resolveRole);
		return resolver.added;
	}

	private void order(Resource resource) {
		if (!(resource instanceof MedicationRequest order)) return;
		resolve(order.getMedication());
		resolveRole(order.getRequester());
		if (order.hasPerformer()) resolve(order.getPerformer());
	}

	/** A PractitionerRole with its Practitioner and Organization, or a Practitioner with their roles. */
	private void resolveRole(Reference roleReference) {
		resolve(roleReference).ifPresent(resolved -> {
			if (resolved instanceof PractitionerRole role) {
				resolve(role.getPractitioner());
				resolve(role.getOrganization());
			}
			if (resolved instanceof Practitioner practitioner) rolesOf(practitioner);
		});
	}

	/** The practitioner's roles not at hand yet, each with its Organization. */
	private void rolesOf(Practitioner practitioner) {
		String id = FactsAssembler.id(practitioner);
		if (!searchedRoles.add(id)) return;
		for (Resource role : source.rolesOf(new IdType(id))) {
			if (known.putIfAbsent(FactsAssembler.id(role), role) != null) continue;
			added.add(role);
			resolve(((PractitionerRole) role).getOrganization());
		}
	}

	private Optional<Resource> resolve(Object reference) {
		if (!(reference instanceof Reference ref) || !ref.hasReference() || ref.getReference().startsWith("#")) {
			return Optional.empty();
		}
		IdType id = new IdType(ref.getReference()).toUnqualifiedVersionless();
		if (!id.hasResourceType() || !id.hasIdPart()) return Optional.empty();
		Resource at = known.get(id.getValue());
		if (at != null) return Optional.of(at);
		if (absent.contains(id.getValue())) return Optional.empty();
		Optional<Resource> read = source.read(id);
		if (read.isEmpty()) absent.add(id.getValue());
		read.ifPresent(r -> {
			known.put(id.getValue(), r);
			added.add(r);
		});
		return read;
	}
}
