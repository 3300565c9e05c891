package org.stemiraccds.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.validation.IInstanceValidatorModule;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Installs profiles/ and terminology/ into the server at start-up, before the web server accepts requests.
 * Each resource is written under its own id (an update) only when the stored copy differs from its file,
 * so a restart writes nothing and an edited file becomes a new version. StructureDefinitions are stored
 * with the snapshot generated here, once, rather than on every validation.
 * <p>
 * Then it has the validator's worker context read every StructureDefinition, still before any request and before
 * HAPI's schedulers start. HAPI (8.6.1) reads that list once, on its first use, and keeps it for the life of the
 * server; its validation support chain can hand out an empty list while another thread invalidates the chain's
 * caches (as HAPI's ValueSet pre-expansion job does after each ValueSet, starting right after start-up). A first
 * validation caught in that window left the validator without any type definition ("unknown or unrecognized
 * resource name 'Organization'") until a restart. Read here, single-threaded, that list is complete and stays so.
 */
@Component
public class ConformanceInstaller implements SmartLifecycle {
	private static final Logger log = LoggerFactory.getLogger(ConformanceInstaller.class);

	private final FhirContext fhirContext;
	private final ConformanceResources conformance;
	private final DaoRegistry daoRegistry;
	private final DefaultProfileValidationSupport coreDefinitions;
	private final IValidationSupport serverValidationSupport;
	private final ISearchParamRegistry searchParams;
	private final IInstanceValidatorModule instanceValidator;
	private volatile boolean running;
	private volatile int lastWritten;

	public ConformanceInstaller(
			FhirContext fhirContext,
			ConformanceResources conformance,
			DaoRegistry daoRegistry,
			DefaultProfileValidationSupport coreDefinitions,
			IValidationSupport serverValidationSupport,
			ISearchParamRegistry searchParams,
			IInstanceValidatorModule instanceValidator) {
		this.fhirContext = fhirContext;
		this.conformance = conformance;
		this.daoRegistry = daoRegistry;
		this.coreDefinitions = coreDefinitions;
		this.serverValidationSupport = serverValidationSupport;
		this.searchParams = searchParams;
		this.instanceValidator = instanceValidator;
	}

	@Override
	public void start() {
		long started = System.currentTimeMillis();
		List<MetadataResource> changed = changedSinceLastInstall();
		if (!changed.isEmpty()) {
			generateSnapshots(changed);
			changed.forEach(resource -> daoFor(resource).update(resource, new SystemRequestDetails()));
			serverValidationSupport.invalidateCaches();
			// our SearchParameters index what is written from now on, not only after HAPI's next scheduled refresh
			if (changed.stream().anyMatch(SearchParameter.class::isInstance)) searchParams.forceRefresh();
		}
		lastWritten = changed.size();
		loadValidatorDefinitions();
		running = true;
		log.info("Conformance content: {} resources, {} new or changed, in {} ms",
				conformance.all().size(), changed.size(), System.currentTimeMillis() - started);
	}

	/**
	 * Copies of the files whose stored version differs. A profile's snapshot depends on the other profiles
	 * and extensions, so when any StructureDefinition changed, all of them are written again.
	 */
	private List<MetadataResource> changedSinceLastInstall() {
		List<MetadataResource> changed = conformance.all().stream().filter(this::differsFromStored).toList();
		boolean profilesChanged = changed.stream().anyMatch(StructureDefinition.class::isInstance);
		Stream<MetadataResource> toWrite = profilesChanged
				? Stream.concat(changed.stream().filter(r -> !(r instanceof StructureDefinition)),
						conformance.profiles().stream())
				: changed.stream();
		return toWrite.map(MetadataResource::copy).toList();
	}

	private boolean differsFromStored(MetadataResource source) {
		try {
			MetadataResource stored =
					daoFor(source).read(source.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails());
			return !contentOf(stored).equalsDeep(contentOf(source));
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return true;
		}
	}

	/** What the file says: without what the server adds (id form, meta) or what we generate (snapshot). */
	private static MetadataResource contentOf(MetadataResource resource) {
		MetadataResource content = resource.copy();
		content.setId(resource.getIdElement().getIdPart());
		content.setMeta(null);
		if (content instanceof StructureDefinition sd) sd.setSnapshot(null);
		return content;
	}

	private void generateSnapshots(List<MetadataResource> changed) {
		List<StructureDefinition> profiles = changed.stream()
				.filter(StructureDefinition.class::isInstance)
				.map(StructureDefinition.class::cast)
				.toList();
		if (profiles.isEmpty()) return;
		IValidationSupport chain = StandaloneValidationSupport.chain(fhirContext, coreDefinitions, conformance.all());
		StandaloneValidationSupport.generateSnapshots(chain, profiles);
	}

	/**
	 * Makes the worker context of the validator that {@link ProfileValidationInterceptor} and $validate use read all
	 * StructureDefinitions now (see the class comment), and checks that it knows every core resource type and every
	 * profile of ours: a server whose validator does not is not started.
	 */
	private void loadValidatorDefinitions() {
		WorkerContextValidationSupportAdapter workerContext = ((FhirInstanceValidator) instanceValidator).getWorkerContext();
		Set<String> known = workerContext.fetchResourcesByType(org.hl7.fhir.r5.model.StructureDefinition.class).stream()
				.map(org.hl7.fhir.r5.model.StructureDefinition::getUrl)
				.collect(Collectors.toSet());
		List<String> missing = Stream.concat(
						fhirContext.getResourceTypes().stream().map(type -> "http://hl7.org/fhir/StructureDefinition/" + type),
						conformance.profiles().stream().map(StructureDefinition::getUrl))
				.filter(url -> !known.contains(url))
				.sorted()
				.toList();
		if (!missing.isEmpty()) {
			throw new IllegalStateException("The validator does not know " + missing.size() + " StructureDefinitions, e.g. "
					+ missing.subList(0, Math.min(5, missing.size())));
		}
	}

	@SuppressWarnings("unchecked")
	private IFhirResourceDao<MetadataResource> daoFor(MetadataResource resource) {
		return daoRegistry.getResourceDao(resource.fhirType());
	}

	/** How many resources the last start wrote (new or changed since their last install). */
	public int lastWritten() {
		return lastWritten;
	}

	@Override
	public void stop() {
		running = false;
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** Before the embedded web server starts (its phase is 1024 below the graceful-shutdown phase). */
	@Override
	public int getPhase() {
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 2048;
	}
}
