package org.stemiraccds.registry;

import ca.uhn.fhir.rest.annotation.Operation;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.stemiraccds.errors.Incidents;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.stemiraccds.fhir.FhirServerOperation;

/**
 * Rebuilding the treated cohort from every administration on record: at start-up (stemirac.registry.rebuild-at-start-up),
 * so the Group exists and counts what was written while another version ran or behind the server's back (loaded
 * into the database directly), and on demand with {@code POST /fhir/$stemirac-registry-rebuild} (an admin operation).
 */
@Component
public class RegistryRebuild implements FhirServerOperation {
	private static final Logger log = LoggerFactory.getLogger(RegistryRebuild.class);
	public static final String OPERATION = "$stemirac-registry-rebuild";
	private final TreatedCohort cohort;
	private final RegistrySettings settings;

	public RegistryRebuild(TreatedCohort cohort, RegistrySettings settings) {
		this.cohort = cohort;
		this.settings = settings;
	}

	/** A failure is logged, never a failed start: the Group is still kept on every write, and can be rebuilt later. */
	@EventListener(ApplicationReadyEvent.class)
	public void atStartUp() {
		if (!settings.rebuildAtStartUp()) return;
		try {
			cohort.rebuild();
		} catch (RuntimeException e) {
			log.warn("Treated cohort not rebuilt at start-up (incident {})", Incidents.record("treated cohort rebuild", e));
		}
	}

	@Operation(name = OPERATION, idempotent = false)
	public Parameters rebuild() {
		int patients = cohort.rebuild();
		Parameters result = new Parameters();
		result.addParameter().setName("group").setValue(new Reference("Group/" + cohort.groupId()));
		result.addParameter().setName("patients").setValue(new IntegerType(patients));
		return result;
	}
}
