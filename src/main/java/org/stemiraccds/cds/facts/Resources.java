package org.stemiraccds.cds.facts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** The resources of one evaluation, by type and by "Type/id", so references resolve within them. */
public final class Resources {
	private final List<Resource> all;
	private final Map<String, Resource> byId = new HashMap<>();

	public Resources(List<Resource> all) {
		this.all = List.copyOf(all);
		all.forEach(r -> byId.put(FactsAssembler.id(r), r));
	}

	public <T extends Resource> List<T> of(Class<T> type) {
		return all.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/**
	 * The resource a reference points at: the one the parser attached to it (HAPI does so for contained
	 * resources), else the one among these resources with that "Type/id".
	 */
	public <T extends Resource> Optional<T> resolve(Reference reference, Class<T> type) {
		if (reference == null) return Optional.empty();
		if (type.isInstance(reference.getResource())) return Optional.of(type.cast(reference.getResource()));
		if (!reference.hasReference() || reference.getReference().startsWith("#")) return Optional.empty();
		Resource target = byId.get(FactsAssembler.referenceId(reference));
		return type.isInstance(target) ? Optional.of(type.cast(target)) : Optional.empty();
	}

	/** As {@link #resolve(Reference, Class)}, and a local reference ("#id") to a resource {@code owner} contains. */
	public <T extends Resource> Optional<T> resolve(Resource owner, Reference reference, Class<T> type) {
		if (reference != null && reference.hasReference() && reference.getReference().startsWith("#")
				&& owner instanceof DomainResource domain) {
			String local = reference.getReference().substring(1);
			return domain.getContained().stream()
					.filter(type::isInstance)
					.filter(c -> local.equals(localId(c)))
					.map(type::cast)
					.findFirst();
		}
		return resolve(reference, type);
	}

	private static String localId(Resource contained) {
		String id = contained.getIdElement().getIdPart();
		return id != null && id.startsWith("#") ? id.substring(1) : id;
	}
}
