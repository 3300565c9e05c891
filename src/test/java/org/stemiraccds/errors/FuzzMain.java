package org.stemiraccds.errors;

import java.util.List;

/**
 * Runs the fuzz cases against a server already running, then checks it still serves:
 * {@code FuzzMain <port> [count] [seed]}.
 */
final class FuzzMain {
	private FuzzMain() {}

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		int count = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
		long seed = args.length > 2 ? Long.parseLong(args[2]) : BadInputFuzzIT.DEFAULT_SEED;
		FuzzCases generator = new FuzzCases(seed);
		new FuzzHttp(port).send(FuzzCase.of("setup", "POST", "/fhir").header("Content-Type", "application/fhir+json")
				.body(generator.setupBundle()).build());
		List<FuzzCase> cases = generator.generate(count);
		long start = System.currentTimeMillis();
		List<FuzzRun.Outcome> outcomes = FuzzRun.run(port, cases, 4, new FuzzLedger());
		System.out.println(FuzzRun.summary(outcomes, System.currentTimeMillis() - start));
		// the database is out of reach here: BadInputFuzzIT alone checks for stored fragments
		List<String> down = StillServing.problems(port, generator.validPatient());
		System.out.println("  server after the run: " + (down.isEmpty() ? "up" : down));
	}
}
