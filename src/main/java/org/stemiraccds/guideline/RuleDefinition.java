package org.stemiraccds.guideline;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A rule's catalogue entry, declared once on its class: id (a code of CodeSystem guideline-rule), the
 * most severe indicator it raises, the hooks it runs in and the guideline section it encodes.
 * GuidelineCatalogueTest checks these against terminology/CodeSystem-guideline-rule.json.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleDefinition {
	String id();

	Severity severity();

	Hook[] hooks();

	String section();
}
