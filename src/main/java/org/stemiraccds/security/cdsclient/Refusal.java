package org.stemiraccds.security.cdsclient;

/**
 * Why a CDS client's call was not let in: each check of CDS Hooks 2.0 § Trusting CDS Clients that can fail,
 * told to the client in plain words (message key {@code error.unauthorized.<key>}), never with key material.
 */
public enum Refusal {
	MISSING("missing"),
	NOT_BEARER("not-bearer"),
	MALFORMED("malformed"),
	UNSIGNED("unsigned"),
	ALGORITHM("algorithm"),
	TYPE("type"),
	NO_KID("no-kid"),
	UNKNOWN_ISSUER("unknown-issuer"),
	JKU_NOT_ALLOWED("jku-not-allowed"),
	NO_MATCHING_KEY("no-matching-key"),
	KEYS_UNAVAILABLE("keys-unavailable"),
	SIGNATURE("signature"),
	CLAIM_MISSING("claim-missing"),
	AUDIENCE("audience"),
	EXPIRED("expired"),
	NOT_YET_VALID("not-yet-valid"),
	ISSUED_IN_FUTURE("issued-in-future"),
	LIFETIME_TOO_LONG("lifetime-too-long"),
	JTI_TOO_LONG("jti-too-long"),
	REPLAYED("replayed");

	private final String key;

	Refusal(String key) {
		this.key = key;
	}

	/** The message key of the detail text. */
	public String detailKey() {
		return "error.unauthorized." + key;
	}
}
