package org.stemiraccds.audit;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.interceptor.OverridePathBasedReferentialIntegrityForDeletesInterceptor;
import java.util.HashSet;
import java.util.Set;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An audit trail outlives what it records: deleting a resource is not refused (409) because AuditEvents
 * (BALP's, failures, CDS calls, feedback) reference it, and those AuditEvents stay. Referential integrity on
 * delete stays on for every other reference. Applies whether or not stemirac.audit is on, since feedback is
 * stored as AuditEvents either way.
 */
@Configuration
public class AuditStorageSettings {
	static final Set<String> AUDIT_REFERENCE_PATHS = Set.of("AuditEvent.entity.what", "AuditEvent.agent.who");

	/** HAPI's own override of delete conflicts by path, on every delete (REST or internal). */
	@Bean
	public OverridePathBasedReferentialIntegrityForDeletesInterceptor auditReferencesDoNotBlockDeletes(
			IInterceptorService interceptors, JpaStorageSettings settings) {
		OverridePathBasedReferentialIntegrityForDeletesInterceptor override =
				new OverridePathBasedReferentialIntegrityForDeletesInterceptor();
		AUDIT_REFERENCE_PATHS.forEach(override::addPath);
		interceptors.registerInterceptor(override);
		// the same for $delete-expunge, which reads the paths from the storage settings
		Set<String> paths = new HashSet<>(settings.getEnforceReferentialIntegrityOnDeleteDisableForPaths());
		paths.addAll(AUDIT_REFERENCE_PATHS);
		settings.setEnforceReferentialIntegrityOnDeleteDisableForPaths(paths);
		return override;
	}
}
