package org.stemiraccds.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The score changes the trial dataset ships with (TrialScoreSearch.search(220)) round to Tables 3 and 4. */
class TrialScoreSearchTest {
	/** motor, light touch, pin prick, SCIM-III per patient: A ×6 (A→A first, the two A→C last), B ×2 (B→D last), C ×5. */
	static final int[][] SHIPPED = {
			{3, -5, 4, 10, 11, 16, 7, 57, 52, 35, 47, 55, 40},
			{9, 12, 19, 17, 38, 35, 1, 48, 3, 12, 6, 9, 41},
			{-2, 9, 10, 26, 34, 36, 4, 47, -4, 6, 3, 19, 32},
			{-1, 1, 2, 6, 6, 6, 2, 17, 29, 53, 66, 81, 85}};

	@Test
	void theShippedChangesRoundToTables3And4() {
		double[][][] stats = TrialScoreSearch.statistics(SHIPPED);
		double[][][] published = TrialScoreSearch.published();
		for (int m = 0; m < 5; m++) {
			for (int g = 0; g < 4; g++) {
				for (int k = 0; k < 4; k++) {
					assertThat(Math.round(stats[m][g][k] * 10) / 10.0).as("measure %d group %d statistic %d", m, g, k).isEqualTo(published[m][g][k]);
				}
			}
		}
	}

	@Test
	void changesOffByOnePointNoLongerMatch() {
		int[][] off = new int[4][];
		for (int m = 0; m < 4; m++) off[m] = SHIPPED[m].clone();
		off[0][0] += 1;
		double[][][] stats = TrialScoreSearch.statistics(off);
		assertThat(Math.round(stats[0][0][0] * 10) / 10.0).isNotEqualTo(TrialScoreSearch.published()[0][0][0]);
	}
}
