package org.stemiraccds.conformance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** stemirac.validation.*: how the instance validator is reused (see {@link PooledInstanceValidator}). */
@ConfigurationProperties("stemirac.validation")
public record ValidationProperties(
		/** Idle core validators kept for reuse; more concurrent validations build (and then drop) their own. */
		@DefaultValue("8") int maxIdleValidators,
		/** Validations one core validator serves before it is replaced (two of its caches grow with use). */
		@DefaultValue("1000") int validatorMaxUses) {}
