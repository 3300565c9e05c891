package org.stemiraccds.guideline;

/** A coding: system URI and code. */
public record Code(String system, String code) {}
