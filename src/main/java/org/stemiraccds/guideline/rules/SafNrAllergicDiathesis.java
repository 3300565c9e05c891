package org.stemiraccds.guideline.rules;

import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;

// §5 safety ②: not recommended in patients with an allergic diathesis.
@RuleDefinition(id = "SAF-NR-ALLERGIC-DIATHESIS", severity = Severity.WARNING,
		hooks = {Hook.PATIENT_VIEW, Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§5 安全性 ②")
public class SafNrAllergicDiathesis extends NotRecommended {
	public SafNrAllergicDiathesis() {
		super("nr-allergic-diathesis", false);
	}
}
