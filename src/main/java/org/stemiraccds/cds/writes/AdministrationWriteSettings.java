package org.stemiraccds.cds.writes;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * stemirac.cds.administrations.*: writing STEMIRAC MedicationAdministrations.
 *
 * @param lockTimeout how long a write waits for another write's lock on the same patient (see {@link PatientWriteLock})
 *        before it is refused with 409; the lock is held while the other write runs the rules and commits
 */
@ConfigurationProperties("stemirac.cds.administrations")
public record AdministrationWriteSettings(@DefaultValue("10s") Duration lockTimeout) {
	public AdministrationWriteSettings {
		if (lockTimeout.isNegative() || lockTimeout.isZero()) {
			throw new IllegalArgumentException("stemirac.cds.administrations.lock-timeout must be positive");
		}
	}
}
