package org.stemiraccds.security.cdsclient;

import java.util.Map;

/** A CDS client's token failed a check: which one, and the words to fill into its detail (e.g. the missing claim). */
public class TokenRefused extends Exception {
	private final Refusal refusal;
	private final Map<String, String> values;

	public TokenRefused(Refusal refusal) {
		this(refusal, Map.of());
	}

	public TokenRefused(Refusal refusal, Map<String, String> values) {
		super(refusal.name(), null, false, false);
		this.refusal = refusal;
		this.values = values;
	}

	public Refusal refusal() {
		return refusal;
	}

	public Map<String, String> values() {
		return values;
	}
}
