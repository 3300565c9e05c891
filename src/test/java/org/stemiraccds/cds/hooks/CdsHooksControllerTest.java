package org.stemiraccds.cds.hooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.hapi.fhir.cdshooks.api.CDSHooksVersion;
import ca.uhn.hapi.fhir.cdshooks.api.ICdsServiceRegistry;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceJson;
import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.stemiraccds.cds.CdsHooksError;
import org.stemiraccds.cds.feedback.CardFeedback;
import org.stemiraccds.guideline.Hook;
import org.stemiraccds.security.Caller;
import org.stemiraccds.security.CallerAuthentication;

/**
 * The controller's refusals before anything is read: fhirServer against the calling CDS client's registration
 * (CDS Hooks 2.0 § Trusting CDS Clients), the body's size and encoding. "Nothing read" = the services never ran.
 */
class CdsHooksControllerTest {
	private static final String SIGN = "stemirac-order-sign";
	private static final String EHR = "https://ehr.example.org/fhir";
	private static final long MAX_BYTES = 4096;
	private final StemiracHookServices services = mock(StemiracHookServices.class);
	private CdsHooksController controller;

	@BeforeEach
	void controller() {
		ICdsServiceRegistry registry = mock(ICdsServiceRegistry.class);
		when(registry.getCdsServiceJson(SIGN)).thenReturn(new CdsServiceJson().setId(SIGN).setHook("order-sign"));
		when(services.evaluate(eq(SIGN), eq(Hook.ORDER_SIGN), any())).thenReturn(new CdsServiceResponseJson());
		CdsHooksLimits limits = new CdsHooksLimits(MAX_BYTES, 50, 20, 100, 20, 200, Duration.ofSeconds(10),
				Duration.ofSeconds(3), Duration.ofSeconds(10), 1 << 20);
		controller = new CdsHooksController(registry, new ObjectMapper(), mock(CardFeedback.class), services,
				FhirContext.forR4Cached(), CDSHooksVersion.V_2_0, limits);
	}

	@AfterEach
	void clearSecurityContext() {
		SecurityContextHolder.clearContext();
	}

	@Test
	void aFhirServerOffTheClientsListIsRefusedBeforeAnyRead() {
		signedInAs(List.of(EHR));
		CdsHooksError refused = refused(request("https://metadata.internal.example/fhir"));
		assertThat(refused.status()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(refused.code()).isEqualTo("fhir-server-not-allowed");
		assertThat(refused.values().get("fhirServer")).isEqualTo("https://metadata.internal.example/fhir");
		verify(services, never()).evaluate(any(), any(), any());
	}

	@Test
	void aFhirServerOnTheClientsListIsRead() {
		signedInAs(List.of(EHR + "/"));
		controller.call(SIGN, request(EHR), null);
		verify(services, times(1)).evaluate(eq(SIGN), eq(Hook.ORDER_SIGN), any());
	}

	@Test
	void withoutAnAuthenticatedCallerNoFhirServerIsAllowed() {
		assertThat(refused(request(EHR)).code()).isEqualTo("fhir-server-not-allowed");
		verify(services, never()).evaluate(any(), any(), any());
	}

	@Test
	void withSecurityOffTheLocalCallerMayNameAnyFhirServer() {
		SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(Caller.LOCAL));
		controller.call(SIGN, request("https://anywhere.example/fhir"), null);
		verify(services, times(1)).evaluate(eq(SIGN), eq(Hook.ORDER_SIGN), any());
	}

	@Test
	void aBodyOverTheLimitIsRefusedWhetherDeclaredOrChunked() {
		signedInAs(List.of(EHR));
		MockHttpServletRequest declared = request(EHR);
		declared.setContent(padded(declared, MAX_BYTES + 1));
		assertThat(refused(declared).status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);

		MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/cds-services/" + SIGN) {
			@Override
			public long getContentLengthLong() {
				return -1;
			}

			@Override
			public int getContentLength() {
				return -1;
			}
		};
		chunked.setContent(padded(request(EHR), MAX_BYTES + 1));
		CdsHooksError tooLarge = refused(chunked);
		assertThat(tooLarge.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
		assertThat(tooLarge.code()).isEqualTo("request-too-large");

		MockHttpServletRequest justFits = request(EHR);
		justFits.setContent(padded(justFits, MAX_BYTES));
		controller.call(SIGN, justFits, null);
		verify(services, times(1)).evaluate(any(), any(), any());
	}

	@Test
	void aCompressedBodyIsRefusedAndNeverInflated() {
		signedInAs(List.of(EHR));
		for (String encoding : List.of("gzip", "deflate", "br", "gzip, identity")) {
			MockHttpServletRequest compressed = request(EHR);
			compressed.addHeader("Content-Encoding", encoding);
			CdsHooksError refused = refused(compressed);
			assertThat(refused.status()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
			assertThat(refused.code()).isEqualTo("content-encoding");
		}
		MockHttpServletRequest identity = request(EHR);
		identity.addHeader("Content-Encoding", "identity");
		controller.call(SIGN, identity, null);
		verify(services, times(1)).evaluate(any(), any(), any());
	}

	private CdsHooksError refused(MockHttpServletRequest request) {
		CdsHooksError error = catchThrowableOfType(() -> controller.call(SIGN, request, null), CdsHooksError.class);
		assertThat(error).as("refused").isNotNull();
		return error;
	}

	private static void signedInAs(List<String> fhirServers) {
		SecurityContextHolder.getContext().setAuthentication(new CallerAuthentication(
				new Caller("https://ehr.example.org", "ehr-client", Set.of("system/*.rs"), Optional.empty(), fhirServers, false)));
	}

	/** A patient-view-free order-sign call (no draft orders needed: the services are mocked) naming a fhirServer. */
	private static MockHttpServletRequest request(String fhirServer) {
		ObjectNode body = new ObjectMapper().createObjectNode();
		body.put("hook", "order-sign").put("hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea").put("fhirServer", fhirServer);
		body.putObject("context").put("patientId", "p1").put("userId", "PractitionerRole/r1");
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/cds-services/" + SIGN);
		request.setContentType("application/json");
		request.setContent(body.toString().getBytes(StandardCharsets.UTF_8));
		return request;
	}

	/** The request's JSON followed by blanks up to {@code size} bytes. */
	private static byte[] padded(MockHttpServletRequest request, long size) {
		byte[] json = request.getContentAsByteArray();
		byte[] padded = new byte[(int) size];
		java.util.Arrays.fill(padded, (byte) ' ');
		System.arraycopy(json, 0, padded, 0, json.length);
		return padded;
	}
}
