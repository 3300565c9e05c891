package org.stemiraccds.fhir;

/** Marks a Spring bean as a plain provider of operations on the /fhir endpoint (e.g. $stemirac-evaluate). */
public interface FhirServerOperation {}
