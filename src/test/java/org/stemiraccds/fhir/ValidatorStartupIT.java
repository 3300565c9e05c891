package org.stemiraccds.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.term.api.ITermReadSvc;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.stemiraccds.conformance.Examples;

/**
 * The validator keeps the StructureDefinitions it read at start-up, whatever happens to the server's validation
 * support chain afterwards.
 * <p>
 * HAPI 8.6.1's ValidationSupportChain hands out an incomplete list of all StructureDefinitions (empty, or only the
 * few fetched one by one since) when {@code fetchAllStructureDefinitions} runs while another thread is in
 * {@code invalidateCaches}, as HAPI's ValueSet pre-expansion job does after each of our ValueSets right after
 * start-up; the validator's worker context keeps the first list it gets for good. When the first validation met that
 * window, loading the demo bundle was refused with 422 "unknown or unrecognized resource name 'Organization'" until a
 * restart. Here the chain is put, deterministically, into the state that race leaves it in before the bundle is
 * loaded: that only works because ConformanceInstaller has the validator read its list at start-up. (Without that
 * warm-up this test fails when it is the first in its JVM to validate, e.g. run alone.)
 */
class ValidatorStartupIT extends ServerTestBase {
	private static final String ORGANIZATION = "http://hl7.org/fhir/StructureDefinition/Organization";

	@Autowired
	private IValidationSupport serverValidationSupport;

	@Autowired
	private ITermReadSvc termReadSvc;

	@Test
	void theDemoBundleValidatesWhileTheChainHandsOutNoCoreDefinitions() throws Exception {
		ValidationSupportChain chain = (ValidationSupportChain) serverValidationSupport;
		// HAPI's ValueSet pre-expansion starts with the server and invalidates the chain after each ValueSet, which
		// would undo the state set up below: wait for that run to end (the method is synchronized) and expand the rest
		termReadSvc.preExpandDeferredValueSetsToTerminologyTables();
		PausingModule pausing = new PausingModule(chain.getFhirContext());
		chain.addValidationSupport(pausing);
		try {
			// an invalidation in one thread, paused after it has cleared the chain's "all fetched" flag and before it
			// clears the list; a fetch of all StructureDefinitions in between sets the flag again, so the list
			// cleared next is not read again until the next invalidation
			pausing.armed.set(true);
			Thread invalidation = new Thread(chain::invalidateCaches, "invalidation");
			invalidation.start();
			assertThat(pausing.inInvalidation.await(10, TimeUnit.SECONDS)).isTrue();
			chain.fetchAllStructureDefinitions();
			pausing.fetched.countDown();
			invalidation.join(10_000);
			assertThat(invalidation.isAlive()).isFalse();
			Assumptions.assumeFalse(knowsOrganization(chain),
					"the chain no longer loses its definitions this way (HAPI changed?): the scenario cannot be set up");

			assertThat(http.post("/fhir", Examples.read(Examples.DEMO_BUNDLE)).status()).isEqualTo(200);
		} finally {
			pausing.armed.set(false);
			chain.removeValidationSupport(pausing);
			chain.invalidateCaches();
		}
		assertThat(knowsOrganization(chain)).isTrue();
	}

	private static boolean knowsOrganization(ValidationSupportChain chain) {
		return chain.fetchAllStructureDefinitions().stream()
				.filter(sd -> sd != null)
				.map(sd -> chain.getFhirContext().newTerser().getSinglePrimitiveValueOrNull(sd, "url"))
				.anyMatch(ORGANIZATION::equals);
	}

	/** A chain member that holds up the chain's invalidation until the test has fetched all StructureDefinitions. */
	private static final class PausingModule implements IValidationSupport {
		private final FhirContext fhirContext;
		final AtomicBoolean armed = new AtomicBoolean();
		final CountDownLatch inInvalidation = new CountDownLatch(1);
		final CountDownLatch fetched = new CountDownLatch(1);

		PausingModule(FhirContext fhirContext) {
			this.fhirContext = fhirContext;
		}

		@Override
		public FhirContext getFhirContext() {
			return fhirContext;
		}

		@Override
		public void invalidateCaches() {
			if (!armed.getAndSet(false)) return;
			inInvalidation.countDown();
			try {
				fetched.await(10, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}
}
