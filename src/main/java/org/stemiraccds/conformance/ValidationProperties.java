package org.stemiraccds.conformance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** stemirac.validation.*: how the instance validator is reused (see {@link PooledInstanceValidator}). */
@ConfigurationProperties("stemirac.validation")
public record ValidationProperties(
		/** Idle core validators kept for reuse; more concurrent validations build (and then drop) their own. */
		@DefaultValue("8") int maxIdleValidators,
		/**
		 * Validations one core validator serves before it is replaced: it keeps every resource it validated (its
		 * resource tracker and XHTML map are keyed by the parsed element tree), so this bounds the heap the pool
		 * holds; building a new one costs about 30 ms, under 1 % of a validation when spread over 100.
		 */
		@DefaultValue("100") int validatorMaxUses) {}
