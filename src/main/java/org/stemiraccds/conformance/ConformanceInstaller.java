package org.stemiraccds.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.HexFormat;
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
 * Each resource is written with its own id (an update), so a restart changes nothing and an edited file
 * becomes a new version. StructureDefinitions get their snapshot generated here, once, instead of on every
 * validation.
 */
@Component
public class ConformanceInstaller implements SmartLifecycle {
	private static final Logger log = LoggerFactory.getLogger(ConformanceInstaller.class);

	/** Tag on each installed resource: a hash of its source, so unchanged files are not written again. */
	static final String FINGERPRINT_SYSTEM = ConformanceResources.CANONICAL_BASE + "/CodeSystem/source-fingerprint";

	private final FhirContext fhirContext;
	private final ConformanceResources conformance;
	private final DaoRegistry daoRegistry;
	private final IValidationSupport validationSupport;
	private volatile boolean running;

	public ConformanceInstaller(
			FhirContext fhirContext,
			ConformanceResources conformance,
			DaoRegistry daoRegistry,
			IValidationSupport validationSupport) {
		this.fhirContext = fhirContext;
		this.conformance = conformance;
		this.daoRegistry = daoRegistry;
		this.validationSupport = validationSupport;
	}

	@Override
	public void start() {
		long started = System.currentTimeMillis();
		int changed = 0;
		for (MetadataResource resource : conformance.all()) {
			if (install(resource)) changed++;
		}
		validationSupport.invalidateCaches();
		log.info("Conformance content: {} resources, {} new or changed, in {} ms",
				conformance.all().size(), changed, System.currentTimeMillis() - started);
		running = true;
	}

	/** Writes the resource unless the stored copy came from the same file content; true if it wrote. */
	private boolean install(MetadataResource resource) {
		@SuppressWarnings("unchecked")
		IFhirResourceDao<MetadataResource> dao = daoRegistry.getResourceDao(resource.fhirType());
		String fingerprint = fingerprint(resource);
		if (fingerprint.equals(storedFingerprint(dao, resource))) return false;
		MetadataResource toStore = resource.copy();
		toStore.getMeta().addTag(FINGERPRINT_SYSTEM, fingerprint, "source file fingerprint");
		if (toStore instanceof StructureDefinition sd) {
			withSnapshot(sd);
		}
		dao.update(toStore, new SystemRequestDetails());
		return true;
	}

	private String storedFingerprint(IFhirResourceDao<MetadataResource> dao, MetadataResource resource) {
		try {
			Coding tag = dao.read(resource.getIdElement().toUnqualifiedVersionless(), new SystemRequestDetails())
					.getMeta()
					.getTag(FINGERPRINT_SYSTEM, null);
			return tag == null ? null : tag.getCode();
		} catch (ResourceNotFoundException | ResourceGoneException e) {
			return null;
		}
	}

	private String fingerprint(MetadataResource resource) {
		String json = fhirContext.newJsonParser().encodeResourceToString(resource);
		return HexFormat.of().formatHex(DigestUtils.sha256(json)).substring(0, 32);
	}

	private void withSnapshot(StructureDefinition sd) {
		validationSupport.invalidateCaches();
		IValidationSupport chain = validationSupport;
		StructureDefinition generated = (StructureDefinition) chain.generateSnapshot(
				new ValidationSupportContext(chain), sd, sd.getUrl(), sd.getUrl(), sd.getName());
		if (generated == null || !generated.hasSnapshot()) {
			throw new IllegalStateException("No snapshot could be generated for " + sd.getUrl());
		}
		sd.setSnapshot(generated.getSnapshot());
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
