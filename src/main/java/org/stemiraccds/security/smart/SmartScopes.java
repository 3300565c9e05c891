package org.stemiraccds.security.smart;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.stemiraccds.security.Caller;

/**
 * A caller's SMART App Launch scopes as grants (SMART App Launch 2.x § Scopes for requesting FHIR resources):
 * {@code context/Type.permissions}, context patient, user or system, Type a resource type or {@code *}, the
 * permissions a subset of {@code cruds} in that order (create, read, update, delete, search), or the 1.0 forms
 * {@code read} (= rs), {@code write} (= cud) and {@code *} (= cruds). Scopes with a query ({@code ?category=…})
 * narrow a grant in ways this server does not enforce, so they grant nothing; other scopes (openid, launch…)
 * are not about resources and are ignored.
 */
public final class SmartScopes {
	private static final Pattern SCOPE = Pattern.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]{0,63})\\.(read|write|\\*|c?r?u?d?s?)");

	/** How far a right reaches: every resource of the type, only the token's patient's, or none. */
	public enum Reach { ALL, PATIENT, NONE }

	public enum Context { PATIENT, USER, SYSTEM }

	/** One resource scope: its context, resource type ("*" for every type) and permission letters. */
	public record Grant(Context context, String resourceType, String permissions) {
		public boolean covers(String type, char permission) {
			return ("*".equals(resourceType) || resourceType.equals(type)) && permissions.indexOf(permission) >= 0;
		}

		public boolean anyType() {
			return "*".equals(resourceType);
		}
	}

	private final Caller caller;
	private final List<Grant> grants;

	private SmartScopes(Caller caller, List<Grant> grants) {
		this.caller = caller;
		this.grants = grants;
	}

	public static SmartScopes of(Caller caller) {
		return new SmartScopes(caller, parse(caller.scopes()));
	}

	/** The resource scopes among {@code scopes}; anything else is left out. */
	public static List<Grant> parse(Collection<String> scopes) {
		return scopes.stream().map(SCOPE::matcher).filter(Matcher::matches)
				.filter(m -> !m.group(3).isEmpty())
				.map(m -> new Grant(Context.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT)), m.group(2), letters(m.group(3))))
				.toList();
	}

	private static String letters(String permissions) {
		switch (permissions) {
			case "read": return "rs";
			case "write": return "cud";
			case "*": return "cruds";
			default: return permissions;
		}
	}

	/** Security off: the local developer may do everything. */
	public boolean unrestricted() {
		return caller.local();
	}

	/** The token's patient (SMART launch context "patient"), which patient/ scopes are limited to. */
	public Optional<String> patient() {
		return caller.patient();
	}

	public boolean has(String scope) {
		return caller.local() || caller.scopes().contains(scope);
	}

	public List<Grant> grants() {
		return grants;
	}

	/**
	 * How far the caller may act on {@code type} with {@code permission} (one of c r u d s): user/ and
	 * system/ scopes reach every resource of the type; patient/ scopes only the token's patient's, and none
	 * when the token names no patient.
	 */
	public Reach reach(String type, char permission) {
		if (caller.local()) return Reach.ALL;
		boolean patientOnly = false;
		for (Grant grant : grants) {
			if (!grant.covers(type, permission)) continue;
			if (grant.context() != Context.PATIENT) return Reach.ALL;
			patientOnly = true;
		}
		return patientOnly && caller.patient().isPresent() ? Reach.PATIENT : Reach.NONE;
	}
}
