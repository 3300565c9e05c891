package org.stemiraccds.guideline;

/** How urgent a finding is: the CDS card indicator (DetectedIssue severity high, moderate, low). */
public enum Severity {
	INFO("info"),
	WARNING("warning"),
	CRITICAL("critical");

	private final String indicator;

	Severity(String indicator) {
		this.indicator = indicator;
	}

	/** The CDS Hooks card indicator, also the code in CodeSystem guideline-rule's severity property. */
	public String indicator() {
		return indicator;
	}
}
