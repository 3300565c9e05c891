package org.stemiraccds.fhir;

/**
 * Marks a Spring bean as a HAPI interceptor of the /fhir endpoint, so features register their own
 * interceptors (validation, conformance) without this package knowing them.
 */
public interface FhirServerInterceptor {}
