package org.stemiraccds.audit;

import java.util.function.Predicate;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Reference;

/**
 * An AuditEvent may name what does not exist in this server: the resource a request deleted, the one a 404
 * did not find, a patient of the EHR's own FHIR server. The server refuses such references on write
 * (referential integrity), so they are kept as an identifier (value "Type/id") and display instead, and the
 * entity is named by it: {@code AuditEvent?entity-name=Observation/123} finds them.
 */
final class MissingReferences {
	private MissingReferences() {}

	/** Turns every reference that does not resolve into an identifier; true when any did not. */
	static boolean unlink(AuditEvent event, Predicate<String> exists) {
		boolean changed = false;
		for (AuditEventEntityComponent entity : event.getEntity()) {
			if (unlink(entity.getWhat(), exists)) {
				if (!entity.hasName()) entity.setName(entity.getWhat().getIdentifier().getValue());
				changed = true;
			}
		}
		changed |= event.getAgent().stream().map(a -> unlink(a.getWho(), exists)).reduce(false, Boolean::logicalOr);
		return changed;
	}

	private static boolean unlink(Reference reference, Predicate<String> exists) {
		if (!reference.hasReference() || exists.test(reference.getReference())) return false;
		String id = reference.getReference();
		reference.setReference(null);
		reference.getIdentifier().setValue(id);
		if (!reference.hasDisplay()) reference.setDisplay(id);
		return true;
	}

}
