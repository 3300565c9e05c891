package org.stemiraccds.audit;

import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ca.uhn.hapi.fhir.cdshooks.config.CdsHooksConfig;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.stemiraccds.cds.hooks.CdsHooksController;
import org.stemiraccds.security.Caller;

/**
 * One AuditEvent per CDS Hooks service call ({@code POST /cds-services/{id}}), success or failure, and per
 * failed feedback call (successful feedback is stored as AuditEvents by the feedback itself). The request
 * body the controller read and the response it wrote are picked up on their way (request/response body
 * advice) rather than read twice; the event is built when the call completed, with its status.
 * Discovery (no patient data) is not audited.
 */
@ControllerAdvice(assignableTypes = CdsHooksController.class)
@ConditionalOnProperty(name = "stemirac.audit.enabled", havingValue = "true", matchIfMissing = true)
public class CdsCallAudit extends RequestBodyAdviceAdapter
		implements HandlerInterceptor, ResponseBodyAdvice<Object>, WebMvcConfigurer {
	private static final Logger log = LoggerFactory.getLogger(CdsCallAudit.class);
	private static final String BODY = CdsCallAudit.class.getName() + ".body";
	private static final String CARDS = CdsCallAudit.class.getName() + ".cards";

	private final AuditTrail trail;
	private final ObjectMapper mapper;

	public CdsCallAudit(AuditTrail trail,
			@Qualifier(CdsHooksConfig.CDS_HOOKS_OBJECT_MAPPER_FACTORY) ObjectMapper mapper) {
		this.trail = trail;
		this.mapper = mapper;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns(CdsHooksController.BASE + "/**");
	}

	@Override
	public boolean supports(MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converter) {
		return targetType == String.class;
	}

	@Override
	public Object afterBodyRead(Object body, HttpInputMessage input, MethodParameter parameter, Type targetType,
			Class<? extends HttpMessageConverter<?>> converter) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request != null) request.setAttribute(BODY, body, RequestAttributes.SCOPE_REQUEST);
		return body;
	}

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converter) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
			Class<? extends HttpMessageConverter<?>> converter, ServerHttpRequest request, ServerHttpResponse response) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (body instanceof CdsServiceResponseJson cards && attributes != null) {
			attributes.setAttribute(CARDS, cards.getCards() == null ? 0 : cards.getCards().size(), RequestAttributes.SCOPE_REQUEST);
		}
		return body;
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
		try {
			String serviceId = serviceId(request);
			if (serviceId == null || !"POST".equals(request.getMethod())) return;
			boolean feedback = request.getRequestURI().endsWith("/feedback");
			int status = ex != null && response.getStatus() < 400 ? 500 : response.getStatus();
			if (feedback && status < 400) return;
			trail.recordAuditEvent(CdsCallEvents.of(serviceId, feedback, body(request), (Integer) request.getAttribute(CARDS),
					status, Caller.current(), request.getRemoteAddr()));
		} catch (RuntimeException e) {
			log.warn("CDS Hooks AuditEvent not created: {}", e.toString());
		}
	}

	private static String serviceId(HttpServletRequest request) {
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		return variables instanceof Map<?, ?> map && map.get("serviceId") instanceof String id ? id : null;
	}

	/** The call's JSON body, or null when it was none (the call was refused as malformed, and audited so). */
	private JsonNode body(HttpServletRequest request) {
		if (!(request.getAttribute(BODY) instanceof String text)) return null;
		try {
			return mapper.readTree(text);
		} catch (IOException | RuntimeException e) {
			return null;
		}
	}
}
