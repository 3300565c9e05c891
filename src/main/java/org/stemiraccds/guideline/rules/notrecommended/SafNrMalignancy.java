package org.stemiraccds.guideline.rules.notrecommended;

import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;

// §5 safety ②: not recommended in patients with a current or past malignancy (any clinical status).
@RuleDefinition(id = "SAF-NR-MALIGNANCY", severity = Severity.WARNING,
		hooks = {Hook.PATIENT_VIEW, Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§5 安全性 ②")
public class SafNrMalignancy extends NotRecommended {
	public SafNrMalignancy() {
		super("nr-malignancy", true);
	}
}
