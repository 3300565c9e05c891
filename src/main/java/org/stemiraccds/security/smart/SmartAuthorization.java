package org.stemiraccds.security.smart;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.stemiraccds.registry.RegistryRebuild;
import org.stemiraccds.reminders.ReminderOperation;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderAppliesTo;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ValueSet;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.operations.AlertStatsOperation;
import org.stemiraccds.fhir.FhirServerInterceptor;
import org.stemiraccds.security.Caller;
import org.stemiraccds.cds.operations.StemiracChecklistOperation;
import org.stemiraccds.security.SecurityProperties;
import org.stemiraccds.security.smart.SmartScopes.Context;
import org.stemiraccds.security.smart.SmartScopes.Grant;

/**
 * Who may do what on /fhir, from the caller's SMART scopes (SMART App Launch 2.x § Scopes), enforced per
 * resource by HAPI's AuthorizationInterceptor; whatever no rule allows is refused (403). user/ and system/
 * scopes act on every resource of their types; patient/ scopes on the token's patient's compartment (and read
 * the shared reference data it points at, such as Medication or Practitioner). HAPI's read rules cover read and
 * search alike, so the letters that count are chosen by the request: s for searches and pages, r for reads.
 * Anyone authenticated may read the conformance resources and use the terminology operations; the admin
 * operations and history across resources need the admin scope. Transactions and batches are allowed as such
 * and each entry is checked by the same rules.
 */
@Component
public class SmartAuthorization extends AuthorizationInterceptor implements FhirServerInterceptor {
	/** Operations that rewrite or expose the whole database. */
	static final Set<String> ADMIN_OPERATIONS = Set.of("$mark-all-resources-for-reindexing", "$perform-reindexing-pass",
			"$reindex", "$reindex-dryrun", "$reindex-terminology", "$hapi.fhir.replace-references", "$expunge",
			"$merge", "$hapi.fhir.undo-merge", "$delete-expunge", "$trigger-subscription",
			// writes Tasks for every patient, as the server
			ReminderOperation.NAME,
			// recomputes the treated cohort from every patient's administrations
			RegistryRebuild.OPERATION);
	static final List<String> CONFORMANCE_TYPES = List.of(
			"StructureDefinition", "ValueSet", "CodeSystem", "SearchParameter", "ImplementationGuide");
	static final String EVALUATE = "$stemirac-evaluate";
	/** FHIR Bulk Data Access 2.0: kick-off, and the status URL the kick-off answers with (HAPI's). */
	static final List<String> BULK_EXPORT_OPERATIONS = List.of("$export", "$export-poll-status");
	static final String EVERYTHING = "$everything";
	/** The SMART app's checklist: like $stemirac-evaluate, the record read with the caller's rights. */
	static final String CHECKLIST = StemiracChecklistOperation.NAME;

	private final FhirContext fhirContext;
	private final String adminScope;
	private final SecurityOutcomes outcomes;

	public SmartAuthorization(FhirContext fhirContext, SecurityProperties properties, SecurityOutcomes outcomes) {
		super(PolicyEnum.DENY);
		this.fhirContext = fhirContext;
		this.adminScope = properties.fhir().adminScope();
		this.outcomes = outcomes;
	}

	@Override
	public List<IAuthRule> buildRuleList(RequestDetails request) {
		SmartScopes scopes = SmartScopes.of(Caller.current());
		IAuthRuleBuilder rules = new RuleBuilder();
		if (scopes.unrestricted()) return rules.allowAll("security off").build();
		conformance(rules);
		boolean admin = scopes.has(adminScope);
		if (isHistoryAcrossResources(request)) {
			if (admin) rules.allow("admin history").read().allResources().withAnyId();
			return rules.build();
		}
		if (admin) admin(rules);
		if (joinsTypesNotSearchableAsAWhole(request, scopes)) return rules.build();
		patientOperations(rules, scopes);
		alertStatistics(rules, scopes, admin);
		bulkExport(rules, scopes);
		String readLetters = readLetters(request.getRestOperationType());
		for (Grant grant : scopes.grants()) {
			if (grant.context() == Context.PATIENT) scopes.patient().ifPresent(patient -> patientGrant(rules, grant, patient, readLetters));
			else typeGrant(rules, grant, readLetters);
		}
		rules.allow("transaction entries by the same rules").transaction().withAnyOperation().andApplyNormalRules();
		return rules.build();
	}

	/** The CapabilityStatement and the profiles and terminology that define this server's data. */
	private static void conformance(IAuthRuleBuilder rules) {
		rules.allow("metadata").metadata();
		CONFORMANCE_TYPES.forEach(type -> rules.allow("conformance").read().resourcesOfType(type).withAnyId());
		rules.allow("$validate").operation().named("$validate").onAnyType().andAllowAllResponses();
		for (Class<? extends IBaseResource> type : List.of(ValueSet.class, CodeSystem.class)) {
			for (String operation : List.of("$expand", "$validate-code", "$lookup")) {
				rules.allow("terminology").operation().named(operation).onType(type).andAllowAllResponses();
				rules.allow("terminology").operation().named(operation).onInstancesOfType(type).andAllowAllResponses();
			}
		}
	}

	private static void admin(IAuthRuleBuilder rules) {
		ADMIN_OPERATIONS.forEach(op -> rules.allow("admin").operation().named(op).atAnyLevel().andAllowAllResponses());
	}

	/** GET [base]/_history and GET [base]/Type/_history: every patient's changes at once. */
	private static boolean isHistoryAcrossResources(RequestDetails request) {
		RestOperationTypeEnum operation = request.getRestOperationType();
		return operation == RestOperationTypeEnum.HISTORY_SYSTEM || operation == RestOperationTypeEnum.HISTORY_TYPE;
	}

	/**
	 * A _has parameter (FHIR R4 § Search, reverse chaining) filters by resources of another type, which HAPI's
	 * rules do not see: Patient?_has:Observation:subject:code=… tells which patients have such an Observation.
	 * Each joined type must be searchable by the caller as a whole (a patient/ scope's narrowing does not reach
	 * into the join).
	 */
	private static boolean joinsTypesNotSearchableAsAWhole(RequestDetails request, SmartScopes scopes) {
		if (request.getParameters() == null) return false;
		for (String name : request.getParameters().keySet()) {
			String[] parts = name.split(":");
			for (int i = 0; i < parts.length; i++) {
				if (!"_has".equals(parts[i])) continue;
				if (i + 1 >= parts.length || scopes.reach(parts[i + 1], 's') != SmartScopes.Reach.ALL) return true;
			}
		}
		return false;
	}

	/**
	 * $stemirac-evaluate and $everything on a patient the caller may read. What $stemirac-evaluate reads for
	 * the rules is checked by the record loader against the same scopes (its answer holds only DetectedIssues
	 * made for the request); every resource $everything returns is checked by the read rules.
	 */
	private static void patientOperations(IAuthRuleBuilder rules, SmartScopes scopes) {
		switch (scopes.reach("Patient", 'r')) {
			case ALL:
				rules.allow(EVALUATE).operation().named(EVALUATE).onInstancesOfType(Patient.class).andAllowAllResponses();
				rules.allow(CHECKLIST).operation().named(CHECKLIST).onInstancesOfType(Patient.class).andAllowAllResponses();
				rules.allow(EVERYTHING).operation().named(EVERYTHING).onInstancesOfType(Patient.class)
						.andRequireExplicitResponseAuthorization();
				break;
			case PATIENT:
				IdType patient = new IdType("Patient", scopes.patient().orElseThrow());
				rules.allow(EVALUATE).operation().named(EVALUATE).onInstance(patient).andAllowAllResponses();
				rules.allow(CHECKLIST).operation().named(CHECKLIST).onInstance(patient).andAllowAllResponses();
				rules.allow(EVERYTHING).operation().named(EVERYTHING).onInstance(patient).andRequireExplicitResponseAuthorization();
				break;
			default:
		}
	}

	/**
	 * $stemirac-alert-stats counts every organisation's CDS calls and feedback, which are AuditEvents: for a caller
	 * who may search AuditEvent as a whole (user/ or system/ AuditEvent.s, or *.s) and could count them itself, or
	 * the admin. Its answer holds counts only (no patient), computed as the system.
	 */
	private static void alertStatistics(IAuthRuleBuilder rules, SmartScopes scopes, boolean admin) {
		if (admin || scopes.reach("AuditEvent", 's') == SmartScopes.Reach.ALL) {
			rules.allow(AlertStatsOperation.NAME).operation().named(AlertStatsOperation.NAME).onServer().andAllowAllResponses();
		}
	}

	/**
	 * FHIR Bulk Data Access (the registry export): kick-off and status polls for a system/ scope that reads and searches
	 * every type (SMART Backend Services, e.g. system/*.read); the files are Binary reads, checked by the read rules.
	 * A patient/ or user/ scope cannot export: an export reads every member of a group at once.
	 */
	private static void bulkExport(IAuthRuleBuilder rules, SmartScopes scopes) {
		boolean readsEverything = scopes.grants().stream().anyMatch(grant -> grant.context() == Context.SYSTEM
				&& grant.anyType() && grant.permissions().contains("r") && grant.permissions().contains("s"));
		if (!readsEverything) return;
		rules.allow("bulk export").bulkExport().any();
		for (String operation : BULK_EXPORT_OPERATIONS) {
			rules.allow("bulk export").operation().named(operation).atAnyLevel().andAllowAllResponses();
		}
	}

	private static void typeGrant(IAuthRuleBuilder rules, Grant grant, String readLetters) {
		String name = grant.context().name().toLowerCase(Locale.ROOT) + "/" + grant.resourceType();
		if (allowsAny(grant, readLetters)) of(rules.allow(name).read(), grant).withAnyId();
		if (grant.permissions().contains("c")) of(rules.allow(name).create(), grant).withAnyId();
		if (grant.permissions().contains("u")) of(rules.allow(name).write(), grant).withAnyId();
		if (grant.permissions().contains("d")) of(rules.allow(name).delete(), grant).withAnyId();
	}

	/** The patient's compartment, and the shared reference data (Medication, Practitioner…) as a whole. */
	private void patientGrant(IAuthRuleBuilder rules, Grant grant, String patient, String readLetters) {
		String name = "patient/" + grant.resourceType();
		IdType owner = new IdType("Patient", patient);
		boolean inCompartment = grant.anyType() || PatientCompartment.includesType(fhirContext, grant.resourceType());
		if (allowsAny(grant, readLetters)) {
			if (inCompartment) of(rules.allow(name).read(), grant).inCompartment("Patient", owner);
			List<String> shared = grant.anyType() ? PatientCompartment.SHARED_TYPES
					: PatientCompartment.isShared(grant.resourceType()) ? List.of(grant.resourceType()) : List.of();
			shared.forEach(type -> rules.allow(name).read().resourcesOfType(type).withAnyId());
		}
		if (!inCompartment) return; // a patient's scopes write only the patient's own data
		if (grant.permissions().contains("c")) of(rules.allow(name).create(), grant).inCompartment("Patient", owner);
		if (grant.permissions().contains("u")) of(rules.allow(name).write(), grant).inCompartment("Patient", owner);
		if (grant.permissions().contains("d")) of(rules.allow(name).delete(), grant).inCompartment("Patient", owner);
	}

	private static <T> T of(IAuthRuleBuilderAppliesTo<T> rule, Grant grant) {
		return grant.anyType() ? rule.allResources() : rule.resourcesOfType(grant.resourceType());
	}

	private static boolean allowsAny(Grant grant, String letters) {
		return letters.chars().anyMatch(letter -> grant.permissions().indexOf(letter) >= 0);
	}

	/** SMART v2 separates reading by id (r) from searching (s); other requests (transactions…) take either. */
	static String readLetters(RestOperationTypeEnum operation) {
		if (operation == null) return "rs";
		switch (operation) {
			case SEARCH_TYPE:
			case SEARCH_SYSTEM:
			case GET_PAGE:
				return "s";
			case READ:
			case VREAD:
			case HISTORY_INSTANCE:
				return "r";
			default:
				return "rs";
		}
	}

	/** A 403 in the request's language, naming the admin scope when that is what is missing. */
	@Override
	protected void handleDeny(RequestDetails request, Verdict decision) {
		String language = request.getHeader("Accept-Language");
		boolean adminOnly = isHistoryAcrossResources(request)
				|| (request.getOperation() != null && ADMIN_OPERATIONS.contains(request.getOperation()));
		throw new ForbiddenOperationException(adminOnly
				? outcomes.message("error.forbidden-admin", language, Map.of("scope", adminScope))
				: outcomes.message("error.forbidden-scope", language, Map.of()));
	}
}
