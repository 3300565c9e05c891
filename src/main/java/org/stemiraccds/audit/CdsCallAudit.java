package org.stemiraccds.audit;

import ca.uhn.hapi.fhir.cdshooks.api.json.CdsServiceResponseJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ca.uhn.hapi.fhir.cdshooks.config.CdsHooksConfig;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.WebUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;
import org.stemiraccds.cds.analytics.AlertAttribution;
import org.stemiraccds.cds.hooks.CdsHooksController;
import org.stemiraccds.cds.hooks.CdsHooksLimits;
import org.stemiraccds.security.Caller;

/**
 * One AuditEvent per CDS Hooks service call ({@code POST /cds-services/{id}}), success or failure, and per
 * failed feedback call (successful feedback is stored as AuditEvents by the feedback itself). The request
 * body is kept as the controller reads it (Spring's ContentCachingRequestWrapper, within the CDS body
 * limit) and the number of cards taken from the response on its way out (response body advice), so neither
 * is read twice; the event is built when the call completed, with its status.
 * Discovery (no patient data) is not audited.
 */
@ControllerAdvice(assignableTypes = CdsHooksController.class)
@ConditionalOnProperty(name = "stemirac.audit.enabled", havingValue = "true", matchIfMissing = true)
public class CdsCallAudit implements HandlerInterceptor, ResponseBodyAdvice<Object>, WebMvcConfigurer {
	private static final Logger log = LoggerFactory.getLogger(CdsCallAudit.class);
	private static final String CARDS = CdsCallAudit.class.getName() + ".cards";
	private static final String RULES = CdsCallAudit.class.getName() + ".rules";

	private final AuditTrail trail;
	private final ObjectMapper mapper;
	private final long maxBodyBytes;

	public CdsCallAudit(AuditTrail trail,
			@Qualifier(CdsHooksConfig.CDS_HOOKS_OBJECT_MAPPER_FACTORY) ObjectMapper mapper, CdsHooksLimits limits) {
		this.trail = trail;
		this.mapper = mapper;
		this.maxBodyBytes = limits.maxRequestBytes();
	}

	/** Keeps a service call's body as the controller reads it, up to the CDS body limit (never read twice). */
	@Bean
	public FilterRegistrationBean<OncePerRequestFilter> cdsCallBodyCapture() {
		int limit = (int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes);
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
					throws ServletException, IOException {
				chain.doFilter(new ContentCachingRequestWrapper(request, limit), response);
			}
		});
		registration.addUrlPatterns(CdsHooksController.BASE + "/*");
		return registration;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this).addPathPatterns(CdsHooksController.BASE + "/**");
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
			attributes.setAttribute(RULES, cards.getCards() == null ? List.of() : cards.getCards().stream()
					.map(card -> card.getSource() == null || card.getSource().getTopic() == null ? null : card.getSource().getTopic().getCode())
					.filter(Objects::nonNull).toList(), RequestAttributes.SCOPE_REQUEST);
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
					issued(request), status, Caller.current(), request.getRemoteAddr()));
		} catch (RuntimeException e) {
			log.warn("CDS Hooks AuditEvent not created: {}", e.toString());
		}
	}

	/** The rules of the cards the response carried and the organisation they count for (AlertAttribution). */
	@SuppressWarnings("unchecked")
	private static CdsCallEvents.Issued issued(HttpServletRequest request) {
		Object rules = request.getAttribute(RULES);
		return new CdsCallEvents.Issued(rules instanceof List<?> list ? (List<String>) list : List.of(),
				AlertAttribution.ofRequest(request));
	}

	private static String serviceId(HttpServletRequest request) {
		Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
		return variables instanceof Map<?, ?> map && map.get("serviceId") instanceof String id ? id : null;
	}

	/** The call's JSON body, or null when there was none or it was no JSON (the call was refused, and audited so). */
	private JsonNode body(HttpServletRequest request) {
		ContentCachingRequestWrapper cached = WebUtils.getNativeRequest(request, ContentCachingRequestWrapper.class);
		if (cached == null || cached.getContentAsByteArray().length == 0) return null;
		try {
			return mapper.readTree(cached.getContentAsByteArray());
		} catch (IOException | RuntimeException e) {
			return null;
		}
	}
}
