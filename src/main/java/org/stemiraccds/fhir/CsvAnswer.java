package org.stemiraccds.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.hl7.fhir.r4.model.Binary;

/**
 * A table as an operation's answer when the caller asked for CSV ({@code _format=text/csv} or
 * {@code Accept: text/csv}): RFC 4180 (commons-csv's RFC4180 format: CRLF, quotes only where needed), UTF-8.
 *
 * <p>Why a {@link Binary}: HAPI streams a returned Binary as its raw content with the Binary's content type
 * whenever the request's {@code _format}/Accept names no FHIR encoding (RestfulServerUtils.streamResponseAsResource),
 * and {@code _format=text/csv} is neither rejected nor rewritten (an unknown {@code _format} simply selects no FHIR
 * encoding). So an operation returns {@code wanted(request) ? CsvAnswer.table(...) : itsResource} and keeps its
 * normal FHIR answer, error handling (OperationOutcome) and interceptors; no manual servlet writing. A client that
 * sends both {@code _format=text/csv} and {@code Accept: application/fhir+json} gets the Binary as FHIR JSON
 * (base64 data), as HAPI decides for any Binary.
 */
public final class CsvAnswer {
	public static final String MEDIA_TYPE = "text/csv";
	public static final String CONTENT_TYPE = MEDIA_TYPE + "; charset=utf-8";

	private CsvAnswer() {}

	/** Whether the request asked for CSV: a {@code _format} of text/csv (or csv) or an Accept header naming text/csv. */
	public static boolean wanted(RequestDetails request) {
		String[] formats = request.getParameters().get("_format");
		if (formats != null && Stream.of(formats).anyMatch(CsvAnswer::namesCsv)) return true;
		List<String> accept = request.getHeaders("Accept");
		return accept != null && accept.stream().anyMatch(a -> a.toLowerCase(Locale.ROOT).contains(MEDIA_TYPE));
	}

	/** The table (header first, then rows; null cells written empty) as a Binary HAPI streams as text/csv. */
	public static Binary table(List<String> header, List<List<String>> rows) {
		Binary answer = new Binary();
		answer.setContentType(CONTENT_TYPE);
		answer.setData(text(header, rows).getBytes(StandardCharsets.UTF_8));
		return answer;
	}

	/** The CSV text itself (RFC 4180). */
	public static String text(List<String> header, List<List<String>> rows) {
		StringWriter out = new StringWriter();
		try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180)) {
			printer.printRecord(header);
			for (List<String> row : rows) printer.printRecord(row);
		} catch (IOException e) {
			throw new InternalErrorException("CSV を書けません / cannot write CSV", e);
		}
		return out.toString();
	}

	private static boolean namesCsv(String format) {
		String value = format.trim().toLowerCase(Locale.ROOT);
		return value.equals("csv") || value.startsWith(MEDIA_TYPE);
	}
}
