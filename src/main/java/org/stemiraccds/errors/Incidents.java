package org.stemiraccds.errors;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unexpected failure (our bug, never the client's input): logged in full under a short random id, which
 * is all the client learns, so that a report can be matched to the log without the response telling how
 * the server is built.
 */
public final class Incidents {
	private static final Logger log = LoggerFactory.getLogger(Incidents.class);

	private Incidents() {}

	public static String record(String where, Throwable failure) {
		String incident = UUID.randomUUID().toString().substring(0, 8);
		log.error("Incident {} ({})", incident, where, failure);
		return incident;
	}
}
