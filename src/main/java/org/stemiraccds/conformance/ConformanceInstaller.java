package org.stemiraccds.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Installs profiles/ and terminology/ into the server at start-up, before the web server accepts requests.
 * Each resource is written under its own id (an update) and tagged with a fingerprint of its source, so a
 * restart writes nothing and an edited file becomes a new version. StructureDefinitions are stored with
 * the snapshot generated here, once, rather than on every validation.
 */
@Component
public class ConformanceInstaller implements SmartLifecycle {
	private static final Logger log = LoggerFactory.getLogger(ConformanceInstaller.class);
	/** Tag on each installed resource: a hash of its source, so unchanged files are not written again. */
	static final String FINGERPRINT_SYSTEM = ConformanceResources.CANONICAL_BASE + "/CodeSystem/source-fingerprint";

	private final FhirContext fhirContext;
	private final ConformanceResources conformance;
	private final DaoRegistry daoRegistry;
	private final DefaultProfileValidationSupport coreDefinitions;
	private final IValidationSupport serverValidationSupport;
	private volatile boolean running;

	public ConformanceInstaller(
			FhirContext fhirContext,
			ConformanceResources conformance,
			DaoRegistry daoRegistry,
			DefaultProfileValidationSupport coreDefinitions,
			IValidationSupport serverValidationSupport) {
		this.fhirContext = fhirContext;
		this.conformance = conformance;
		this.daoRegistry = daoRegistry;
		this.coreDefinitions = coreDefinitions;
		this.serverValidationSupport = serverValidationSupport;
	}

	@Override
	public void start() {
		long started = System.currentTimeMillis();
		List<MetadataResource> changed = conformance.all().stream()
				.filter(resource -> !fingerprint(resource).equals(storedFingerprint(resource)))
				.map(MetadataResource::copy)
				.toList();
		if (!changed.isEmpty()) {
			withSnapshots(changed);
			changed.forEach(this::write);
			serverValidationSupport.invalidateCaches();
		}
		running = true;
		log.info("Conformance content: {} resources, {} new or changed, in {} ms",
				conformance.all().size(), changed.size(), System.currentTimeMillis() - started);
	}

	private void withSnapshots(List<MetadataResource> changed) {
		List<StructureDefinition> profiles = changed.stream()
				.filter(StructureDefinition.class::isInstance)
				.map(StructureDefinition.class::cast)
				.toList();
		if (profiles.isEmpty()) return;
		IValidationSupport chain = StandaloneValidationSupport.chain(fhirContext, coreDefinitions, conformance.all());
		StandaloneValidationSupport.generateSnapshots(chain, profiles);
	}

	private void write(MetadataResource resource) {
		resource.getMeta().addTag(FINGERPRINT_SYSTEM, fingerprint(resource), "source file fingerprint");
		daoFor(resource).update(resource, new SystemRequestDetails());
	}

	private String storedFingerprint(MetadataResource resource) {
		try {
			return daoFor(resource).read(resource.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails())
					.getMeta()
					.getTag()
					.stream()
					.filter(tag -> FINGERPRINT_SYSTEM.equals(tag.getSystem()))
					.map(Coding::getCode)
					.findFirst()
					.orElse("");
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return "";
		}
	}

	/**
	 * A hash of the source file. A profile's snapshot also depends on every other profile and extension,
	 * so a StructureDefinition's fingerprint covers all of them.
	 */
	private String fingerprint(MetadataResource resource) {
		StringBuilder source = new StringBuilder(encode(resource));
		if (resource instanceof StructureDefinition) {
			conformance.profiles().forEach(sd -> source.append(encode(sd)));
		}
		return HexFormat.of().formatHex(DigestUtils.sha256(source.toString())).substring(0, 32);
	}

	private String encode(MetadataResource resource) {
		MetadataResource withoutTags = resource.copy();
		withoutTags.getMeta().getTag().removeIf(tag -> FINGERPRINT_SYSTEM.equals(tag.getSystem()));
		return fhirContext.newJsonParser().encodeResourceToString(withoutTags);
	}

	@SuppressWarnings("unchecked")
	private IFhirResourceDao<MetadataResource> daoFor(MetadataResource resource) {
		return daoRegistry.getResourceDao(resource.fhirType());
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
