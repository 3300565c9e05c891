package org.stemiraccds.cds.record;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.stemiraccds.cds.facts.FactsAssembler;

/**
 * The resources that orders and administrations point at and the rules need: the lot's Medication and the
 * physician's PractitionerRole with its Practitioner and Organization (and the hook's user when it is one).
 * Those already at hand are used; the rest are read with the given reader (this server's database, or the
 * EHR's FHIR server), which answers empty for a resource that does not exist.
 */
public final class ReferencedResources {
	private final Map<String, Resource> known = new HashMap<>();
	private final Function<IdType, Optional<Resource>> reader;
	private final List<Resource> added = new ArrayList<>();

	private ReferencedResources(List<Resource> atHand, Function<IdType, Optional<Resource>> reader) {
		atHand.forEach(r -> known.put(FactsAssembler.id(r), r));
		this.reader = reader;
	}

	/** What {@code record}, {@code draftOrders} and {@code user} reference and {@code record} lacks. */
	public static List<Resource> missingFrom(List<Resource> record, List<Resource> draftOrders, Optional<Reference> user,
			Function<IdType, Optional<Resource>> reader) {
		List<Resource> atHand = new ArrayList<>(record);
		atHand.addAll(draftOrders);
		ReferencedResources resolver = new ReferencedResources(atHand, reader);
		for (Resource resource : atHand) {
			if (resource instanceof MedicationAdministration a) {
				resolver.resolve(a.getMedication());
				a.getPerformer().forEach(p -> resolver.resolveRole(p.getActor()));
			}
			if (resource instanceof MedicationRequest o) {
				resolver.resolve(o.getMedication());
				resolver.resolveRole(o.getRequester());
			}
		}
		user.ifPresent(resolver::resolveRole);
		return resolver.added;
	}

	private void resolveRole(Reference roleReference) {
		resolve(roleReference).ifPresent(role -> {
			if (role instanceof PractitionerRole r) {
				resolve(r.getPractitioner());
				resolve(r.getOrganization());
			}
		});
	}

	private Optional<Resource> resolve(Object reference) {
		if (!(reference instanceof Reference ref) || !ref.hasReference() || ref.getReference().startsWith("#")) {
			return Optional.empty();
		}
		IdType id = new IdType(ref.getReference()).toUnqualifiedVersionless();
		if (!id.hasResourceType() || !id.hasIdPart()) return Optional.empty();
		Resource at = known.get(id.getValue());
		if (at != null) return Optional.of(at);
		Optional<Resource> read = reader.apply(id);
		read.ifPresent(r -> {
			known.put(id.getValue(), r);
			added.add(r);
		});
		return read;
	}
}
