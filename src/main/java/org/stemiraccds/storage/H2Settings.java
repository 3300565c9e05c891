package org.stemiraccds.storage;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** stemirac.h2.*: housekeeping of the embedded H2 file database (H2Housekeeping). */
@ConfigurationProperties("stemirac.h2")
public record H2Settings(
		/** How often the sparsest parts of the file are rewritten; 0 turns it off. */
		@DefaultValue("1s") Duration housekeepingInterval,
		/** Rewrite when less than this percentage of the file's chunks is live data. */
		@DefaultValue("80") int compactFillRate,
		/** Live data rewritten per run at most. */
		@DefaultValue("4MB") DataSize compactBytes) {}
