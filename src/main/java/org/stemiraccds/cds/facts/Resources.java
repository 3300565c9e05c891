package org.stemiraccds.cds.facts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

	public <T extends Resource> Optional<T> resolve(Reference reference, Class<T> type) {
		if (reference == null || !reference.hasReference()) return Optional.empty();
		Resource target = byId.get(reference.getReferenceElement().toUnqualifiedVersionless().getValue());
		return type.isInstance(target) ? Optional.of(type.cast(target)) : Optional.empty();
	}
}
