package org.stemiraccds.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.utilities.validation.ValidationMessage.IssueSeverity;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI's instance validator, with the core {@link InstanceValidator} reused across validations instead of built for
 * each one. Building one parses the core library's OID registry (a 1.5 MB CSV) and was half the CPU of a validated
 * write (docs/performance.md). {@code InstanceValidator.validate} clears its per-validation state on entry — the IG
 * Publisher validates a whole guide with one — but it is not thread-safe: each validation borrows an idle validator
 * from a small pool and returns it. A validator is retired after {@code maxUses} validations, because some of its
 * state is never cleared (canonical lookups; the resource tracker and XHTML map, which hold the element tree of every
 * resource validated), and every pooled validator is dropped when the conformance
 * content changes ({@link #invalidateCaches()}).
 * <p>
 * JSON is validated here with the same settings and message handling as HAPI's own wrapper; anything else (XML) by
 * HAPI as before.
 */
public class PooledInstanceValidator extends FhirInstanceValidator {
	private final int maxUses;
	private final BlockingQueue<Pooled> idle;
	private final AtomicInteger generation = new AtomicInteger();

	public PooledInstanceValidator(FhirContext fhirContext, int maxIdle, int maxUses) {
		super(fhirContext);
		this.idle = new ArrayBlockingQueue<>(maxIdle);
		this.maxUses = maxUses;
	}

	@Override
	protected List<ValidationMessage> validate(IValidationContext<?> context) {
		if (context.getResourceAsStringEncoding() != EncodingEnum.JSON) return super.validate(context);
		Pooled validator = borrow();
		try {
			return validator.validate(context);
		} finally {
			giveBack(validator);
		}
	}

	@Override
	public void invalidateCaches() {
		super.invalidateCaches();
		generation.incrementAndGet();
		idle.clear();
	}

	private Pooled borrow() {
		Pooled validator = idle.poll();
		return validator != null && validator.generation == generation.get() ? validator : new Pooled(generation.get());
	}

	private void giveBack(Pooled validator) {
		if (validator.uses < maxUses && validator.generation == generation.get()) idle.offer(validator);
	}

	/** One core validator, configured once as HAPI's ValidatorWrapper configures it for every validation. */
	private final class Pooled {
		private final int generation;
		private final IWorkerContext workerContext = provideWorkerContext();
		private final InstanceValidator validator;
		private int uses;

		Pooled(int generation) {
			this.generation = generation;
			this.validator = new InstanceValidator(workerContext, new NullEvaluationContext(),
					new XVerExtensionManagerOld(workerContext), new ValidatorSession(),
					new ValidatorSettings());
			validator.setAssumeValidRestReferences(isAssumeValidRestReferences());
			validator.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
			validator.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
			validator.setResourceIdRule(IdStatus.OPTIONAL);
			validator.setNoTerminologyChecks(isNoTerminologyChecks());
			validator.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
			// as HAPI's wrapper: tied to UnknownCodeSystemWarningValidationSupport, which decides the severity
			validator.setUnknownCodeSystemsCauseErrors(true);
			validator.getExtensionDomains().addAll(getExtensionDomains());
			validator.setFetcher(getValidatorResourceFetcher());
			validator.setPolicyAdvisor(getValidatorPolicyAdvisor());
			validator.setNoExtensibleWarnings(isNoExtensibleWarnings());
			validator.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
			validator.setAllowExamples(isAllowExamples());
			validator.setAllowXsiLocation(true);
		}

		List<ValidationMessage> validate(IValidationContext<?> context) {
			uses++;
			List<ValidationMessage> unknownProfiles = new ArrayList<>();
			List<StructureDefinition> profiles = new ArrayList<>();
			context.getOptions().getProfiles().forEach(url -> addProfile(url, profiles, unknownProfiles));
			String json = context.getResourceAsString();
			declaredProfiles(json).forEach(url -> addProfile(url, profiles, unknownProfiles));
			List<ValidationMessage> messages = new ArrayList<>();
			validator.validate(context.getOptions().getAppContext(), messages,
					new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), FhirFormat.JSON, profiles);
			if (profiles.isEmpty()) messages.addAll(unknownProfiles);
			return asHapiReportsThem(messages);
		}

		private void addProfile(String url, List<StructureDefinition> profiles, List<ValidationMessage> unknown) {
			StructureDefinition profile;
			try {
				profile = workerContext.fetchResource(StructureDefinition.class, url);
			} catch (FHIRException unreadable) {
				return; // as HAPI's wrapper: the validator reports the profile it cannot use
			}
			if (profile != null) {
				profiles.add(profile);
				return;
			}
			ValidationMessage message = new ValidationMessage();
			message.setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN);
			message.setLevel(IssueSeverity.ERROR);
			message.setMessage("Invalid profile. Failed to retrieve profile with url=" + url);
			unknown.add(message);
		}
	}

	/** meta.profile of the JSON resource, read as HAPI's wrapper reads it (Gson). */
	private static List<String> declaredProfiles(String json) {
		com.google.gson.JsonObject meta = com.google.gson.JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("meta");
		List<String> urls = new ArrayList<>();
		if (meta != null && meta.get("profile") != null && meta.get("profile").isJsonArray()) {
			meta.getAsJsonArray("profile").forEach(url -> urls.add(url.getAsString()));
		}
		return urls;
	}

	/** The message filtering and severities HAPI's ValidatorWrapper applies (hapi-fhir-validation 8.6.1). */
	private List<ValidationMessage> asHapiReportsThem(List<ValidationMessage> messages) {
		List<ValidationMessage> kept = messages.stream().filter(m -> !isSuppressedByHapi(m)).toList();
		if (isErrorForUnknownProfiles()) {
			kept.stream()
					.filter(m -> I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN.equals(m.getMessageId())
							|| I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY.equals(m.getMessageId()))
					.filter(m -> m.getLevel() == IssueSeverity.WARNING)
					.forEach(m -> m.setLevel(IssueSeverity.ERROR));
		}
		return kept;
	}

	private static boolean isSuppressedByHapi(ValidationMessage m) {
		String id = m.getMessageId();
		return id != null && (id.equals(I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE)
				|| id.equals(I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE2)
				|| (id.equals(I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND)
						&& m.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes")));
	}
}
