package org.stemiraccds.guideline.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.stemiraccds.guideline.RuleAssert.doesNotFire;
import static org.stemiraccds.guideline.RuleAssert.fires;

import org.junit.jupiter.api.Test;
import org.stemiraccds.guideline.Facts;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.rules.process.ProAeReport;

/** PRO-AE-REPORT (§4 ②): a treated patient's adverse events are reported promptly. */
class AdverseEventRulesTest {
	private final ProAeReport rule = new ProAeReport();

	private static Facts treated() {
		return Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-10-01").givenBefore("2026-11-10");
	}

	@Test
	void firesForATreatedPatientsUnreportedAdverseEvents() {
		Finding finding = fires(rule, treated().adverseEvent("pe", "2026-11-11", false).adverseEvent("fever", "2026-11-12", false)
				.adverseEvent("old", "2026-11-10", true));
		assertThat(finding.values()).containsEntry("count", 2);
		assertThat(finding.implicated()).containsExactly("AdverseEvent/pe", "AdverseEvent/fever");
	}

	@Test
	void silentOnceEveryAdverseEventIsReported() {
		doesNotFire(rule, treated().adverseEvent("pe", "2026-11-11", true));
	}

	@Test
	void silentWithoutAdverseEvents() {
		doesNotFire(rule, treated());
	}

	@Test
	void silentForAPatientNotTreated() {
		doesNotFire(rule, Facts.in(Hook.PATIENT_VIEW).injuredOn("2026-10-01").adverseEvent("pe", "2026-11-11", false));
	}
}
