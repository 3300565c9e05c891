package org.stemiraccds.cds.writes;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;
import org.stemiraccds.cds.GuidelineEvaluation;
import org.stemiraccds.cds.cards.DetectedIssueRenderer;
import org.stemiraccds.cds.facts.FactsAssembler;
import org.stemiraccds.cds.facts.FhirCodes;
import org.stemiraccds.cds.facts.FhirTime;
import org.stemiraccds.cds.facts.Resources;
import org.stemiraccds.errors.Incidents;
import org.stemiraccds.cds.record.PatientRecordLoader;
import org.stemiraccds.cds.record.ReferencedResources;
import org.stemiraccds.fhir.FhirServerInterceptor;
import org.stemiraccds.guideline.Finding;
import org.stemiraccds.guideline.GuidelineSettings;

/**
 * Writing a STEMIRAC MedicationAdministration runs the rules as of the moment it was given.
 * Whether it is STEMIRAC is decided from the administration itself first (its code, or its Medication:
 * contained, or read by id), so any other administration costs at most that one read and runs no rules,
 * however long its patient's record. The findings are stored, in the same transaction, as DetectedIssues
 * implicating it (those of an earlier version are deleted) and are added as issues to the write's
 * OperationOutcome: the response body with
 * {@code Prefer: return=OperationOutcome}, or the entry's {@code response.outcome} in a transaction.
 * The administration is never refused for a finding, nor because the rules could not run: it records what
 * happened. When they cannot run, the write carries a warning instead and the failure is logged. STEMIRAC
 * administrations of one patient are written one at a time ({@link PatientWriteLock}); a write that cannot wait its
 * turn is refused (409), since storing it unchecked is the race the lock closes.
 */
@Component
public class AdministrationRules implements FhirServerInterceptor {
	/** Request user data: administration ("MedicationAdministration/id") → the issues its write reports. */
	private static final String ISSUES = AdministrationRules.class.getName() + ".issues";
	/** Request user data: the transaction Bundle being processed (its entries run as sub-requests sharing user data). */
	private static final String TRANSACTION = AdministrationRules.class.getName() + ".transaction";
	static final String COULD_NOT_RUN = "ガイドラインの確認を実行できませんでした / The guideline checks could not run: ";
	static final String NO_PATIENT = "投与対象（subject）が Patient への参照ではないため、ガイドラインの確認を実行しませんでした"
			+ " / The guideline checks did not run: the subject is not a reference to a Patient";
	static final String NO_TIME = "投与日時（effectiveDateTime または effectivePeriod.start）がないため、ガイドラインの確認を実行しませんでした"
			+ " / The guideline checks did not run: no time of administration (effectiveDateTime or effectivePeriod.start)";

	private final PatientRecordLoader loader;
	private final GuidelineEvaluation evaluation;
	private final DetectedIssueRenderer renderer;
	private final DaoRegistry daoRegistry;
	private final FhirTime time;
	private final SessionTagDefinitions sessionTags;
	private final PatientWriteLock lock;

	public AdministrationRules(PatientRecordLoader loader, GuidelineEvaluation evaluation, DetectedIssueRenderer renderer,
			DaoRegistry daoRegistry, GuidelineSettings settings, SessionTagDefinitions sessionTags, PatientWriteLock lock) {
		this.loader = loader;
		this.lock = lock;
		this.sessionTags = sessionTags;
		this.time = new FhirTime(settings.zone());
		this.evaluation = evaluation;
		this.renderer = renderer;
		this.daoRegistry = daoRegistry;
	}

	/** Before a Bundle's entries are processed: a transaction's administrations are locked together (lockPatients). */
	@Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
	public void transaction(IBaseBundle bundle, RequestDetails request) {
		if (bundle instanceof Bundle r4 && r4.getType() == Bundle.BundleType.TRANSACTION) request.getUserData().put(TRANSACTION, r4);
	}

	/** In a transaction bundle HAPI calls this after all entries are written, their references resolved. */
	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
	public void created(IBaseResource resource, RequestDetails request) {
		if (resource instanceof MedicationAdministration administration) written(administration, false, request);
	}

	@Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
	public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
		if (resource instanceof MedicationAdministration administration) written(administration, true, request);
	}

	/** The issues of this request's administrations, in the OperationOutcome or transaction response it returns. */
	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean outgoing(RequestDetails request, ResponseDetails response) {
		@SuppressWarnings("unchecked")
		Map<String, List<OperationOutcomeIssueComponent>> issues =
				(Map<String, List<OperationOutcomeIssueComponent>>) request.getUserData().get(ISSUES);
		if (issues == null) return true;
		if (response.getResponseResource() instanceof OperationOutcome outcome) {
			issues.values().forEach(of -> addTo(outcome, of));
		}
		if (response.getResponseResource() instanceof Bundle bundle) addToEntries(bundle, issues);
		return true;
	}

	/**
	 * Locks the patient, then reads and evaluates, writing nothing: a failure there (caught, so HAPI's transaction is
	 * not marked for rollback: its nested DAO calls run directly in the open transaction) leaves the write as it
	 * was, with a warning; only a lock not had refuses the write. The findings are stored only after the rules have run.
	 */
	private void written(MedicationAdministration administration, boolean update, RequestDetails request) {
		String self = FactsAssembler.id(administration);
		Optional<Evaluated> evaluated;
		try {
			if (!isStemirac(administration, request)) return;
			lockPatients(administration, request);
			sessionTags.adoptShared(); // before the record's searches, which load tags: see SessionTagDefinitions
			evaluated = evaluate(administration, request);
		} catch (PatientWriteLock.Busy e) {
			throw e; // refused, nothing stored: another write of the patient holds the lock
		} catch (RuntimeException e) {
			String incident = Incidents.record("guideline checks for " + self, e);
			issues(request, self).add(warning(COULD_NOT_RUN + "incident " + incident, "MedicationAdministration"));
			evaluated = Optional.empty();
		}
		if (update) deletePreviousFindings(self, request);
		evaluated.ifPresent(result -> store(self, result, request));
	}

	/**
	 * Before the record is read: no other STEMIRAC administration of the patient is being written until this
	 * transaction ends, so each write reads the administrations written before it (SAF-REPEAT-DOSE). In a
	 * transaction bundle the patients of all its administrations are locked at the first, in one order
	 * (see {@link PatientWriteLock}); their references are resolved by the time HAPI calls the hooks.
	 */
	private void lockPatients(MedicationAdministration administration, RequestDetails request) {
		Optional<IdType> patient = patient(administration);
		if (patient.isEmpty()) return;
		SortedSet<String> patients = new TreeSet<>(List.of(patient.get().getIdPart()));
		if (request.getUserData().get(TRANSACTION) instanceof Bundle bundle) {
			bundle.getEntry().stream()
					.map(Bundle.BundleEntryComponent::getResource)
					.filter(MedicationAdministration.class::isInstance)
					.flatMap(other -> patient((MedicationAdministration) other).stream())
					.forEach(other -> patients.add(other.getIdPart()));
		}
		lock.lock(patients);
	}

	/**
	 * STEMIRAC by the administration's own code, or by its Medication: contained (resolved as the facts resolve
	 * it), or this server's, read by id.
	 */
	private boolean isStemirac(MedicationAdministration administration, RequestDetails request) {
		List<Resource> atHand = new ArrayList<>(List.of(administration));
		storedMedication(administration, request).ifPresent(atHand::add);
		return FactsAssembler.isStemirac(administration, administration.getMedication(), new Resources(atHand));
	}

	/** The Medication the administration names by "Medication/id", from this server; empty for a contained one. */
	private Optional<Resource> storedMedication(MedicationAdministration administration, RequestDetails request) {
		return ReferencedResources.storedMedication(administration).flatMap(id -> loader.read(id, request));
	}

	/** The findings, or empty (with a warning) when the administration names no patient or no time. */
	private Optional<Evaluated> evaluate(MedicationAdministration administration, RequestDetails request) {
		String self = FactsAssembler.id(administration);
		Optional<IdType> patient = patient(administration);
		// the same reading of effective[x] as the facts' (a date-only value is a day in the guideline's zone, a
		// period is given at its start), so the administration being written is found at "now"
		Optional<Instant> givenAt = time.effective(administration.getEffective());
		if (patient.isEmpty()) issues(request, self).add(warning(NO_PATIENT, "MedicationAdministration.subject"));
		if (givenAt.isEmpty()) issues(request, self).add(warning(NO_TIME, "MedicationAdministration.effective"));
		if (patient.isEmpty() || givenAt.isEmpty()) return Optional.empty();
		Instant now = givenAt.get();
		// the record holds the administration as stored by this write: the facts take the one being written
		PatientRecordLoader.Record record = loader.load(patient.get(), List.of(administration), request);
		List<Finding> findings = evaluation.evaluate(new FactsAssembler.Input(
				org.stemiraccds.guideline.Hook.ADMINISTRATION, now, record.patient(), record.resources(), List.of(administration))).findings();
		return Optional.of(new Evaluated(FactsAssembler.id(record.patient()), now, findings));
	}

	private record Evaluated(String patient, Instant now, List<Finding> findings) {}

	private static Optional<IdType> patient(MedicationAdministration administration) {
		IIdType subject = administration.getSubject().getReferenceElement();
		return "Patient".equals(subject.getResourceType()) && subject.hasIdPart()
				? Optional.of(new IdType("Patient", subject.getIdPart()))
				: Optional.empty();
	}

	private void store(String self, Evaluated evaluated, RequestDetails request) {
		List<OperationOutcomeIssueComponent> issues = issues(request, self);
		for (Finding finding : evaluated.findings()) {
			DetectedIssue issue = renderer.render(finding, evaluated.patient(), evaluated.now(), Locale.JAPANESE);
			if (issue.getImplicated().stream().noneMatch(r -> r.getReference().equals(self))) issue.addImplicated(new Reference(self));
			daoRegistry.getResourceDao(DetectedIssue.class).create(issue, request);
			issues.add(asIssue(issue));
		}
	}

	/** An update replaces the findings of the earlier version: with the new ones, or none when the rules did not run. */
	private void deletePreviousFindings(String administration, RequestDetails request) {
		IFhirResourceDao<DetectedIssue> issues = daoRegistry.getResourceDao(DetectedIssue.class);
		SearchParameterMap previous = SearchParameterMap.newSynchronous("implicated", new ReferenceParam(administration));
		issues.searchForResources(previous, request).stream()
				.map(DetectedIssue.class::cast)
				.filter(issue -> FhirCodes.RULE_SYSTEM.equals(issue.getCode().getCodingFirstRep().getSystem()))
				.forEach(issue -> issues.delete(issue.getIdElement().toUnqualifiedVersionless(), request));
	}

	private static OperationOutcomeIssueComponent asIssue(DetectedIssue issue) {
		return new OperationOutcomeIssueComponent()
				.setSeverity(issue.getSeverity() == DetectedIssue.DetectedIssueSeverity.HIGH
						? OperationOutcome.IssueSeverity.WARNING : OperationOutcome.IssueSeverity.INFORMATION)
				.setCode(OperationOutcome.IssueType.BUSINESSRULE)
				.setDetails(issue.getCode())
				.setDiagnostics(issue.getDetail())
				.addExpression("MedicationAdministration");
	}

	private static OperationOutcomeIssueComponent warning(String text, String expression) {
		return new OperationOutcomeIssueComponent()
				.setSeverity(OperationOutcome.IssueSeverity.WARNING)
				.setCode(OperationOutcome.IssueType.INCOMPLETE)
				.setDiagnostics(text)
				.addExpression(expression);
	}

	@SuppressWarnings("unchecked")
	private static List<OperationOutcomeIssueComponent> issues(RequestDetails request, String administration) {
		Map<String, List<OperationOutcomeIssueComponent>> all = (Map<String, List<OperationOutcomeIssueComponent>>)
				request.getUserData().computeIfAbsent(ISSUES, key -> new LinkedHashMap<>());
		return all.computeIfAbsent(administration, key -> new ArrayList<>());
	}

	/** Each entry's response.outcome gets the issues of the administration it wrote (matched by its location). */
	private static void addToEntries(Bundle bundle, Map<String, List<OperationOutcomeIssueComponent>> issues) {
		for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
			Bundle.BundleEntryResponseComponent response = entry.getResponse();
			if (!response.hasLocation()) continue;
			List<OperationOutcomeIssueComponent> of = issues.get(new IdType(response.getLocation()).toUnqualifiedVersionless().getValue());
			if (of == null || of.isEmpty()) continue;
			if (!(response.getOutcome() instanceof OperationOutcome)) response.setOutcome(new OperationOutcome());
			addTo((OperationOutcome) response.getOutcome(), of);
		}
	}

	private static void addTo(OperationOutcome outcome, List<OperationOutcomeIssueComponent> issues) {
		issues.forEach(issue -> outcome.addIssue(issue.copy()));
	}
}
