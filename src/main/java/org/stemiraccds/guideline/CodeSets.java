package org.stemiraccds.guideline;

import java.util.Collection;
import java.util.List;

/** Value-set membership as the rules need it (ICD-10 and ATC by prefix, others exactly). */
public interface CodeSets {
	boolean contains(String valueSetId, Code code);

	/** The codes a value set lists (for rules that check a whole list, such as the §4 facility items). */
	List<Code> codes(String valueSetId);

	default boolean containsAny(String valueSetId, Collection<Code> codes) {
		return codes.stream().anyMatch(code -> contains(valueSetId, code));
	}
}
