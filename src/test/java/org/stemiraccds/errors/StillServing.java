package org.stemiraccds.errors;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server after the fuzz run: its CapabilityStatement answers, and a valid resource can be created and read
 * back. A run that leaves the server down, or up but unable to store, has failed however it answered.
 */
final class StillServing {
	private StillServing() {}

	/** Empty when the server still serves; else what failed. */
	static List<String> problems(int port, String validPatient) throws InterruptedException {
		FuzzHttp http = new FuzzHttp(port);
		List<String> problems = new ArrayList<>();
		try {
			FuzzHttp.Answer metadata = http.send(get("/fhir/metadata"));
			if (metadata.status() != 200 || !metadata.body().contains("\"CapabilityStatement\"")) {
				problems.add("metadata: " + metadata.status());
			}
			FuzzHttp.Answer created = http.send(FuzzCase.of("after", "POST", "/fhir/Patient").header("Content-Type", "application/fhir+json")
					.header("Accept", "application/fhir+json").body(validPatient).build());
			Optional<String> location = created.locations().stream().map(FuzzLedger::versioned).flatMap(Optional::stream).findFirst();
			if (created.status() != 201 || location.isEmpty()) {
				problems.add("create: " + created.status() + " " + created.body());
				return problems;
			}
			String id = location.get().substring(0, location.get().indexOf("/_history/"));
			FuzzHttp.Answer read = http.send(get("/fhir/" + id));
			if (read.status() != 200 || !read.body().contains("\"" + id.substring(id.indexOf('/') + 1) + "\"")) {
				problems.add("read " + id + ": " + read.status());
			}
		} catch (IOException down) {
			problems.add("no answer: " + down);
		}
		return problems;
	}

	private static FuzzCase get(String path) {
		return FuzzCase.of("after", "GET", path).header("Accept", "application/fhir+json").build();
	}
}
