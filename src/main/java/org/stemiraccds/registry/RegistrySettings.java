package org.stemiraccds.registry;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * stemirac.registry.*: the treated cohort the product's patient registry is exported from (guideline §2, §4 ①-1(6)).
 *
 * @param groupId the id of the Group of every patient with a STEMIRAC administration given
 * @param rebuildAtStartUp whether the Group is rebuilt from the stored administrations at start-up (it is then right
 *        even for administrations written while another version of the server ran, or loaded behind its back)
 * @param exportFileRetention how long the NDJSON files of a Bulk Data export can be downloaded before HAPI deletes
 *        them (whole hours)
 * @param updateAttempts how often a change of the Group is tried when another write of it got in first
 */
@ConfigurationProperties("stemirac.registry")
public record RegistrySettings(
		@DefaultValue("stemirac-treated") String groupId,
		@DefaultValue("true") boolean rebuildAtStartUp,
		@DefaultValue("24h") Duration exportFileRetention,
		@DefaultValue("5") int updateAttempts) {
	public RegistrySettings {
		if (exportFileRetention.toHours() < 1) {
			throw new IllegalArgumentException("stemirac.registry.export-file-retention must be at least 1h");
		}
		if (updateAttempts < 1) throw new IllegalArgumentException("stemirac.registry.update-attempts must be at least 1");
	}
}
