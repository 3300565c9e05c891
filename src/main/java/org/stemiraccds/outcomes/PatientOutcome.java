package org.stemiraccds.outcomes;

import java.util.Map;
import java.util.Optional;

/**
 * One treated patient as the §3 tables count them: the AIS grade just before the (first) administration, the AIS
 * at follow-up (empty: missing), and each score's change from before administration to follow-up (absent: missing).
 */
public record PatientOutcome(String patientId, Optional<String> baselineAis, Optional<String> followUpAis,
		Map<ScoreMeasure, Double> scoreChanges) {

	/** AIS grades in order of improvement (ISNCSCI: A complete … E normal). */
	private static final String GRADES = "ABCDE";

	public PatientOutcome {
		scoreChanges = Map.copyOf(scoreChanges);
	}

	/** Grades gained from baseline to follow-up (negative: worse), when both are known AIS grades. */
	public Optional<Integer> gradesImproved() {
		if (baselineAis.isEmpty() || followUpAis.isEmpty()) return Optional.empty();
		int from = GRADES.indexOf(baselineAis.get());
		int to = GRADES.indexOf(followUpAis.get());
		return from < 0 || to < 0 ? Optional.empty() : Optional.of(to - from);
	}
}
