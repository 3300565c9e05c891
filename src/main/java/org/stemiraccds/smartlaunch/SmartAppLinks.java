package org.stemiraccds.smartlaunch;

import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseLinkJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.stemiraccds.cds.cards.CardTexts;

/**
 * The card's link to the checklist app (CDS Hooks 2.0 § Link, type smart): the app's launch URL on this
 * server and an appContext string naming the patient, which the EHR passes on when it registers the launch.
 */
@Component
@ConditionalOnProperty(name = "stemirac.smart.enabled", havingValue = "true", matchIfMissing = true)
public class SmartAppLinks {
	private final SmartLaunchProperties properties;
	private final CardTexts texts;
	private final ObjectMapper json = new ObjectMapper();

	public SmartAppLinks(SmartLaunchProperties properties, CardTexts texts) {
		this.properties = properties;
		this.texts = texts;
	}

	/** For "Patient/id" or "id"; none outside a request when no issuer is configured (no base URL to name). */
	public Optional<CdsServiceResponseLinkJson> forPatient(String patient, Locale locale) {
		Optional<String> base = base();
		if (base.isEmpty() || patient == null) return Optional.empty();
		return Optional.of(new CdsServiceResponseLinkJson()
				.setLabel(texts.message("link.smart-checklist", locale))
				.setUrl(base.get() + LaunchController.LAUNCH)
				.setType("smart")
				.setAppContext(appContext(new IdType(patient).getIdPart())));
	}

	private String appContext(String patientId) {
		try {
			return json.writeValueAsString(Map.of("patient", patientId));
		} catch (JsonProcessingException impossible) {
			throw new UncheckedIOException(impossible);
		}
	}

	private Optional<String> base() {
		if (properties.issuer() != null && !properties.issuer().isBlank()) return Optional.of(withoutTrailingSlash(properties.issuer()));
		if (RequestContextHolder.getRequestAttributes() == null) return Optional.empty();
		return Optional.of(withoutTrailingSlash(ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString()));
	}

	private static String withoutTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}
}
