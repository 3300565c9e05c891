package org.stemiraccds.guideline.rules.notrecommended;

import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;

// §5 safety ②: not recommended in severe intracranial or major vessel lesions.
@RuleDefinition(id = "SAF-NR-VASCULAR", severity = Severity.WARNING,
		hooks = {Hook.PATIENT_VIEW, Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§5 安全性 ②")
public class SafNrVascular extends NotRecommended {
	public SafNrVascular() {
		super("nr-vascular", false);
	}
}
