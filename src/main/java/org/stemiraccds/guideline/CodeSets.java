package org.stemiraccds.guideline;

import java.util.Collection;

/** Value-set membership as the rules need it (ICD-10 and ATC by prefix, others exactly). */
public interface CodeSets {
	boolean contains(String valueSetId, Code code);

	default boolean containsAny(String valueSetId, Collection<Code> codes) {
		return codes.stream().anyMatch(code -> contains(valueSetId, code));
	}
}
