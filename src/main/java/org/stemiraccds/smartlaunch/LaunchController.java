package org.stemiraccds.smartlaunch;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.stemiraccds.fhir.FhirRefusals;
import org.stemiraccds.fhir.RestfulServerConfig;
import org.stemiraccds.security.Caller;
import org.stemiraccds.security.smart.SecurityOutcomes;
import org.stemiraccds.security.smart.SmartScopes;

/**
 * The two doors of the EHR launch (SMART App Launch 2.x § EHR launch): POST /smart/launches, where the EHR
 * registers a launch for a patient its user may read, and GET /smart/launch?iss&launch, the app's launch URL,
 * which checks the launch and the iss before redirecting to the app's page (static/smart/launch.html). Refusals are OperationOutcomes
 * in the request's language.
 */
@Controller
@ConditionalOnProperty(name = "stemirac.smart.enabled", havingValue = "true", matchIfMissing = true)
public class LaunchController {
	public static final String LAUNCHES = "/smart/launches";
	public static final String LAUNCH = "/smart/launch";
	/** FHIR R4 § id: the logical id grammar. */
	private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

	private final LaunchRegistry launches;
	private final SmartLaunchProperties properties;
	private final SecurityOutcomes texts;
	private final FhirContext fhirContext;
	private final ObjectMapper json = new ObjectMapper();

	public LaunchController(LaunchRegistry launches, SmartLaunchProperties properties, SecurityOutcomes texts,
			FhirContext fhirContext) {
		this.launches = launches;
		this.properties = properties;
		this.texts = texts;
		this.fhirContext = fhirContext;
	}

	/** {"patient": id, "appContext": string or null} → 201 {"launch": opaque id}. */
	@PostMapping(path = LAUNCHES)
	@ResponseBody
	public ResponseEntity<Map<String, String>> register(@RequestBody(required = false) String body,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		Optional<JsonNode> parsed = parse(body);
		JsonNode patient = parsed.map(node -> node.get("patient")).orElse(null);
		if (patient == null || !patient.isTextual() || !FHIR_ID.matcher(patient.asText()).matches()) {
			return refuse(request, response, 400, "error.smart-launch-patient", "invalid");
		}
		if (!mayRead(Caller.current(), patient.asText())) {
			return refuse(request, response, 403, "error.smart-launch-forbidden", "forbidden");
		}
		Optional<String> appContext = appContext(parsed.get().get("appContext"));
		if (appContext.map(String::length).orElse(0) > properties.maxAppContextChars()) {
			return refuse(request, response, 400, "error.smart-launch-app-context", "too-costly");
		}
		Launch launch = launches.register(patient.asText(), appContext, Caller.current().subject());
		return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("launch", launch.id()));
	}

	/** The app's launch URL: a known launch and this server's FHIR base as iss, else a 400 OperationOutcome. */
	@GetMapping(path = LAUNCH)
	public void launch(@RequestParam(name = "iss", required = false) String iss,
			@RequestParam(name = "launch", required = false) String launch,
			HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (launch == null || launch.isBlank()) {
			refuse(request, response, 400, "error.smart-launch-missing", "invalid");
		} else if (launches.find(launch).isEmpty()) {
			refuse(request, response, 400, "error.smart-launch-unknown", "invalid");
		} else if (iss == null || !withoutTrailingSlash(iss).equals(fhirBase())) {
			refuse(request, response, 400, "error.smart-launch-iss", "invalid");
		} else {
			response.sendRedirect(appPage(iss, launch));
		}
	}

	/** The app's launch page, told the client id and redirect URI registered by configuration. */
	private String appPage(String iss, String launch) {
		String base = withoutTrailingSlash(fhirBase().substring(0, fhirBase().length() - RestfulServerConfig.FHIR_PATH.length()));
		return ServletUriComponentsBuilder.fromCurrentContextPath().path(LAUNCH + ".html")
				.queryParam("iss", iss).queryParam("launch", launch)
				.queryParam("client_id", properties.clientId())
				.queryParam("redirect_uri", base + properties.redirectPath())
				.encode().build().toUriString();
	}

	/** The FHIR base of this server: the configured issuer's, else the request's. */
	private String fhirBase() {
		String base = properties.issuer() != null && !properties.issuer().isBlank()
				? properties.issuer() : ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
		return withoutTrailingSlash(base) + RestfulServerConfig.FHIR_PATH;
	}

	/** The launching user must be allowed to read the patient (security off: the local developer may). */
	static boolean mayRead(Caller caller, String patient) {
		SmartScopes scopes = SmartScopes.of(caller);
		switch (scopes.reach("Patient", 'r')) {
			case ALL:
				return true;
			case PATIENT:
				return scopes.patient().filter(patient::equals).isPresent();
			default:
				return false;
		}
	}

	private Optional<JsonNode> parse(String body) {
		if (body == null || body.isBlank()) return Optional.empty();
		try {
			JsonNode node = json.readTree(body);
			return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
		} catch (JsonProcessingException notJson) {
			return Optional.empty();
		}
	}

	/** CDS Hooks 2.0 § Link: appContext is a string; an EHR that sends it as JSON gets it kept as its JSON text. */
	private static Optional<String> appContext(JsonNode node) {
		if (node == null || node.isNull()) return Optional.empty();
		return Optional.of(node.isTextual() ? node.asText() : node.toString());
	}

	private <T> ResponseEntity<T> refuse(HttpServletRequest request, HttpServletResponse response, int status,
			String key, String issueType) throws IOException {
		FhirRefusals.write(response, fhirContext, status,
				texts.message(key, request.getHeader("Accept-Language"), Map.of()), issueType);
		return null;
	}

	private static String withoutTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}
}
