package org.stemiraccds.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import jakarta.servlet.http.HttpServletResponse;
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
import org.springframework.stereotype.Component;

/**
 * A table as an operation's answer when the caller asked for CSV ({@code _format=text/csv} or
 * {@code Accept: text/csv}): RFC 4180 (commons-csv's RFC4180 format: CRLF, quotes only where needed), UTF-8.
 *
 * <p>An operation returns {@code wanted(request) ? CsvAnswer.table(...) : itsResource}: a {@link Binary} marked as
 * this CSV, so it keeps its normal FHIR answer, error handling (OperationOutcome) and interceptors, and writes no
 * servlet response itself. HAPI 8.6.1 neither rejects nor rewrites {@code _format=text/csv} (an unknown
 * {@code _format} just selects no FHIR encoding), and would stream such a Binary raw, but it drops the charset from
 * the content type (and adds Content-Disposition: attachment); so this interceptor writes the CSV itself, before
 * HAPI, with {@code text/csv; charset=utf-8}, whatever Accept the request also sent.
 */
@Component
public final class CsvAnswer implements FhirServerInterceptor {
	public static final String MEDIA_TYPE = "text/csv";
	public static final String CONTENT_TYPE = MEDIA_TYPE + "; charset=utf-8";

	/**
	 * Writes an operation's CSV answer (status, {@link #CONTENT_TYPE}, the bytes) instead of HAPI; false tells HAPI the
	 * response is written. Any other response goes on as HAPI would write it.
	 */
	@Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
	public boolean writeCsv(RequestDetails request, ResponseDetails response, HttpServletResponse servletResponse) throws IOException {
		if (!(response.getResponseResource() instanceof Binary csv) || !CONTENT_TYPE.equals(csv.getContentType()) || !wanted(request)) {
			return true;
		}
		servletResponse.setStatus(response.getResponseCode());
		servletResponse.setContentType(CONTENT_TYPE);
		servletResponse.setContentLength(csv.getData().length);
		servletResponse.getOutputStream().write(csv.getData());
		return false;
	}

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
