package org.stemiraccds.guideline.rules.notrecommended;

import org.stemiraccds.guideline.Hook;
import org.stemiraccds.guideline.RuleDefinition;
import org.stemiraccds.guideline.Severity;

// §5 safety ②: not recommended in severe spinal or spinal cord disease.
@RuleDefinition(id = "SAF-NR-SPINAL-DISEASE", severity = Severity.WARNING,
		hooks = {Hook.PATIENT_VIEW, Hook.ORDER_SELECT, Hook.ORDER_SIGN, Hook.ADMINISTRATION}, section = "§5 安全性 ②")
public class SafNrSpinalDisease extends NotRecommended {
	public SafNrSpinalDisease() {
		super("nr-spinal-disease", false);
	}
}
