package org.stemiraccds.errors;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/** Sends generated cases in parallel and judges every answer. */
final class FuzzRun {
	/** A Java package or class, or a stack frame, in a response body. */
	static final Pattern JAVA_NAMES = Pattern.compile(
			"java\\.|javax\\.|jakarta\\.|ca\\.uhn\\.|org\\.hl7\\.|com\\.fasterxml\\.|org\\.springframework\\.|org\\.apache\\.|Exception|\\tat ");

	record Outcome(FuzzCase fuzzCase, FuzzHttp.Answer answer, List<String> problems, long millis) {}

	/** Sends every case, noting in {@code ledger} what each 2xx write answer says it stored. */
	static List<Outcome> run(int port, List<FuzzCase> cases, int threads, FuzzLedger ledger) throws InterruptedException {
		FuzzHttp http = new FuzzHttp(port);
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Callable<Outcome>> tasks = new ArrayList<>();
			for (FuzzCase fuzzCase : cases) tasks.add(() -> {
				long start = System.nanoTime();
				FuzzHttp.Answer answer = send(http, fuzzCase);
				ledger.record(fuzzCase, answer);
				return judge(fuzzCase, answer, (System.nanoTime() - start) / 1_000_000);
			});
			List<Outcome> outcomes = new ArrayList<>();
			for (Future<Outcome> future : pool.invokeAll(tasks)) outcomes.add(get(future));
			return outcomes;
		} finally {
			pool.shutdownNow();
		}
	}

	private static FuzzHttp.Answer send(FuzzHttp http, FuzzCase fuzzCase) throws InterruptedException {
		try {
			return http.send(fuzzCase);
		} catch (IOException e) {
			return new FuzzHttp.Answer(0, "", "no answer: " + e);
		}
	}

	private static Outcome get(Future<Outcome> future) throws InterruptedException {
		try {
			return future.get();
		} catch (ExecutionException e) {
			throw new IllegalStateException(e.getCause());
		}
	}

	static Outcome judge(FuzzCase fuzzCase, FuzzHttp.Answer answer, long millis) {
		List<String> problems = new ArrayList<>();
		if (answer.status() == 0) problems.add("no answer");
		if (answer.status() >= 500) problems.add("status " + answer.status());
		if (JAVA_NAMES.matcher(answer.body()).find()) problems.add("names Java");
		boolean html = answer.contentType().contains("html") || answer.body().stripLeading().toLowerCase().startsWith("<!doctype html")
				|| answer.body().stripLeading().toLowerCase().startsWith("<html");
		if (answer.status() >= 400 && html || answer.status() == FuzzHttp.HTTP_09 && html) problems.add("HTML");
		if (answer.status() >= 400) ErrorShapes.problem(fuzzCase, answer).ifPresent(problems::add);
		return new Outcome(fuzzCase, answer, problems, millis);
	}

	static String summary(List<Outcome> outcomes, long millis) {
		Map<String, Integer> categories = new TreeMap<>();
		Map<String, Long> categoryMillis = new TreeMap<>();
		Map<Integer, Integer> statuses = new TreeMap<>();
		Map<String, Integer> classes = new TreeMap<>();
		Map<String, Integer> problems = new TreeMap<>();
		for (Outcome outcome : outcomes) {
			categories.merge(outcome.fuzzCase().category(), 1, Integer::sum);
			categoryMillis.merge(outcome.fuzzCase().category(), outcome.millis(), Long::sum);
			statuses.merge(outcome.answer().status(), 1, Integer::sum);
			classes.merge(statusClass(outcome.answer().status()), 1, Integer::sum);
			outcome.problems().forEach(p -> problems.merge(p.replaceAll(":.*", ""), 1, Integer::sum));
		}
		StringBuilder text = new StringBuilder("Bad-input fuzz: " + outcomes.size() + " cases in " + millis + " ms\n")
				.append("  cases per category: ").append(categories).append('\n')
				.append("  ms per category:    ").append(categoryMillis).append('\n')
				.append("  status classes:     ").append(classes).append('\n')
				.append("  status histogram:   ").append(statuses).append('\n')
				.append("  problems:           ").append(problems).append('\n');
		Map<String, Integer> shown = new TreeMap<>();
		for (Outcome o : outcomes) {
			if (o.problems().isEmpty() || shown.merge(String.join(",", o.problems()), 1, Integer::sum) > 8) continue;
			text.append("  ✗ ").append(o.problems()).append(' ').append(o.answer().status()).append(' ').append(o.fuzzCase())
					.append("\n      → ").append(abbreviate(o.answer().body())).append('\n');
		}
		return text.toString();
	}

	/** "2xx", "4xx", "5xx"…; "none" for no answer, "0.9" for an HTTP/0.9 one. */
	static String statusClass(int status) {
		if (status == 0) return "none";
		if (status == FuzzHttp.HTTP_09) return "0.9";
		return status / 100 + "xx";
	}

	private static String abbreviate(String text) {
		String line = text.replace("\r", "\\r").replace("\n", "\\n");
		return line.length() > 400 ? line.substring(0, 400) + "…" : line;
	}
}
