package org.stemiraccds.cds.record;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Where the resources a record references are read from: this server's database or the EHR's FHIR server. A
 * read answers empty for a resource that does not exist.
 */
public interface ResourceSource {
	Optional<Resource> read(IdType id);

	/**
	 * The PractitionerRoles of a practitioner ({@code PractitionerRole?practitioner=…}): a Practitioner who
	 * orders counts through their role at the ordering organisation (§4 ①-2), and no reference leads to it.
	 */
	List<Resource> rolesOf(IdType practitioner);
}
