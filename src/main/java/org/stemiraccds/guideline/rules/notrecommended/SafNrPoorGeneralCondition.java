package org.stemiraccds.guideline.rules.notrecommended;

import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;

// §5 safety ②: not recommended in a very poor general condition.
@RuleDefinition(id = "SAF-NR-POOR-GENERAL-CONDITION", severity = Severity.WARNING,
		hooks = {Hook.PATIENT_VIEW, Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§5 安全性 ②")
public class SafNrPoorGeneralCondition extends NotRecommended {
	public SafNrPoorGeneralCondition() {
		super("nr-poor-general-condition", false);
	}
}
