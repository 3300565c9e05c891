package org.stemiraccds.errors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.stemiraccds.conformance.Examples;
import org.stemiraccds.fhir.FhirHttp;

/**
 * Bad requests, generated from a fixed seed (the same cases every run): the valid examples with their
 * JSON broken, retyped, nested, filled with odd Unicode or bad dates and numbers; XML likewise; bad
 * searches, paths, methods, percent-encoding, over-long URLs and headers; bad CDS Hooks calls and feedback
 * with every Content-Type. Resources only ever refer to the fuzz-* resources {@link #setupBundle()} makes,
 * so nothing generated touches another test's data.
 */
final class FuzzCases {
	static final List<String> SERVICES = List.of("stemirac-patient-view", "stemirac-order-select", "stemirac-order-sign");
	private static final ObjectMapper JSON = new ObjectMapper();
	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
	private static final String PLACEHOLDER = "\"@@FUZZ@@\"";
	private static final String FHIR_JSON = FhirHttp.FHIR_JSON;
	private static final String FHIR_XML = "application/fhir+xml";
	private static final String[] CONTENT_TYPES = {null, "text/plain", "application/json", "application/fhir+json",
			"application/json; charset=utf-16", "application/json; charset=bogus", "application/xml", "application/fhir+xml",
			"application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz", "application/octet-stream", ";;;",
			"*/*", "application/", "text/html", "application/json-patch+json", "image/png"};
	private static final String[] ACCEPTS = {null, "application/fhir+json", "application/fhir+xml", "text/html",
			"bogus/type", "*/*;q=abc", "application/json;q=2", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
			"image/png", ";", "application/xml"};
	private static final String[] LANGUAGES = {null, "en", "ja", "en-US,en;q=0.9", "fr", "ja;q=0.1,en;q=0.9", "*", ";;;", "x-klingon"};
	private static final String[] ODD_STRINGS = {"\\ud800", "\\udfff", "a\\ud800b", "\\udc00\\ud800", "\\u0000", "a\\u0000b",
			"\\ufeff", "\\u202eevil", "\\u200f\\u200e", "😀", "\\ud83d\\ude00", "\\uffff", "\\ufffe", "𠮷野家", "\\u0007\\u001b[31m",
			"\\\\", "\\\"", "<script>alert(1)</script>", "${jndi:ldap://x/a}", "%s%n%x", "'; DROP TABLE x; --", "",
			" ", "\\n\\r\\t", "ｆｕｌｌｗｉｄｔｈ", "\\u0301\\u0301\\u0301", "{{context.patientId}}", "../../../../etc/passwd",
			"x\\r\\nSet-Cookie: a=b", "' OR '1'='1", "<!--#exec cmd=\\\"ls\\\"-->", "$(id)", "#{7*7}", "<![CDATA[x]]>", "%00"};
	/** Raw UTF-8 the JSON and XML parsers must refuse or decode: overlong, CESU surrogate, out of range, NUL, 0xFF. */
	private static final byte[][] BAD_BYTES = {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
			{(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {0}, {(byte) 0xFF}, {(byte) 0xE3, (byte) 0x81}};
	private static final String[] BAD_DATES = {"2020-13-45", "2020-02-30", "0000-00-00", "99999-01-01", "2020-01-01T25:61:61Z",
			"2020-01-01T10:00:00+25:00", "yesterday", "", " ", "2020-1-1", "-2020-01-01", "2020-01-01T10:00:00.12345678901234567890Z",
			"2020-01-01T10:00", "2020-01-01 10:00:00", "1e10", "9999-12-31T23:59:59.999+14:00", "0001-01-01T00:00:00Z"};
	private static final String[] BAD_NUMBERS = {"1e400", "-1e400", "1E-400", "123456789012345678901234567890123456789012345",
			"\"NaN\"", "\"Infinity\"", "\"1,5\"", "0.00000000000000000000000000000001", "-0", "01", ".5", "1.e5", "\"3\"",
			"1e", "--1", "0x10", "9223372036854775808", "-9223372036854775809", "1.7976931348623157e309", "true", "null", "[]", "{}"};
	private static final String[] DATE_FIELDS = {"birthDate", "effectiveDateTime", "authoredOn", "issued", "start", "end",
			"recordedDate", "onsetDateTime", "performedDateTime", "dateTime", "occurrenceDateTime", "lastUpdated"};
	private static final String[] NUMBER_FIELDS = {"value", "valueDecimal", "valueInteger", "rank", "numerator", "low", "high"};

	private final Random random;
	private final List<ObjectNode> examples = new ArrayList<>();

	FuzzCases(long seed) {
		this.random = new Random(seed);
		for (Path file : Examples.valid()) examples.add((ObjectNode) parse(fuzzIds(Examples.read(file))));
	}

	/** A transaction putting the valid examples as fuzz-* resources: what the generated resources refer to. */
	String setupBundle() {
		ObjectNode bundle = NODES.objectNode().put("resourceType", "Bundle").put("type", "transaction");
		ArrayNode entries = bundle.putArray("entry");
		for (ObjectNode example : examples) {
			String url = example.get("resourceType").asText() + "/" + example.get("id").asText();
			ObjectNode entry = entries.addObject();
			entry.set("resource", example);
			entry.putObject("request").put("method", "PUT").put("url", url);
		}
		return bundle.toString();
	}

	/** {@code total} cases, spread over the categories by weight. */
	List<FuzzCase> generate(int total) {
		Map<Supplier<FuzzCase>, Integer> weights = new LinkedHashMap<>();
		weights.put(this::jsonMalformed, 10);
		weights.put(this::jsonTypes, 20);
		weights.put(this::jsonDeep, 3);
		weights.put(this::jsonUnicode, 8);
		weights.put(this::jsonValues, 8);
		weights.put(this::xml, 7);
		weights.put(this::search, 12);
		weights.put(this::pathsAndMethods, 7);
		weights.put(this::raw, 7);
		weights.put(this::cds, 14);
		weights.put(this::negotiation, 4);
		weights.put(this::huge, 2);
		weights.put(this::randomRoutes, 6);
		weights.put(this::truncatedBodies, 2);
		int weightSum = weights.values().stream().mapToInt(Integer::intValue).sum();
		List<FuzzCase> cases = new ArrayList<>();
		weights.forEach((generator, weight) -> {
			int count = Math.max(1, total * weight / weightSum);
			for (int i = 0; i < count; i++) cases.add(generator.get());
		});
		return cases;
	}

	// ---- FHIR JSON bodies

	private FuzzCase jsonMalformed() {
		String text = example().toString();
		String broken = switch (random.nextInt(9)) {
			case 0 -> text.substring(0, random.nextInt(text.length()));
			case 1 -> deleteChar(text);
			case 2 -> insertAt(text, pick(new String[] {"{", "}", "[", "]", "\"", ",", ":", "\\", "\\u12", "/*", "'"}));
			case 3 -> text + pick(new String[] {"}", ",", "garbage", "{}", "\u0000"});
			case 4 -> pick(new String[] {"", "null", "[]", "123", "true", "\"str\"", "{", "}", "<Patient/>", "{\"resourceType\":}",
					"{\"resourceType\":null}", "{\"resourceType\":\"\"}", "{\"resourceType\":\"Spaceship\"}", "{,}", "{\"a\":1,\"a\":2}"});
			case 5 -> text.replace('"', '\'');
			case 6 -> "\uFEFF" + text;
			case 7 -> text.replaceFirst("\\{", "{\"resourceType\":\"Patient\",");
			default -> text.replace(":", ":" + pick(new String[] {" /* c */ ", " NaN, \"x\":", " undefined, \"y\":"}));
		};
		return fhirWrite("json-malformed", resourceType(text), broken.getBytes(StandardCharsets.UTF_8), FHIR_JSON);
	}

	private FuzzCase jsonTypes() {
		ObjectNode resource = example();
		List<JsonNode[]> slots = slots(resource);
		for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
			JsonNode[] slot = slots.get(random.nextInt(slots.size()));
			replace(slot, otherTypeThan(slot[2]));
		}
		return fhirWrite("json-types", resource.path("resourceType").asText("Patient"), bytes(resource.toString()), FHIR_JSON);
	}

	private FuzzCase jsonDeep() {
		int depth = pick(new Integer[] {50, 200, 500, 999, 1001, 1500, 3000, 6000});
		String body = switch (random.nextInt(5)) {
			case 0 -> "{\"resourceType\":\"Patient\",\"extension\":[" + "{\"url\":\"http://x/e\",\"extension\":[".repeat(depth)
					+ "{\"url\":\"http://x/e\",\"valueString\":\"x\"}" + "]}".repeat(depth) + "]}";
			case 1 -> "{\"resourceType\":\"Patient\",\"name\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
			case 2 -> "{\"resourceType\":\"Patient\",\"text\":" + "{\"div\":".repeat(depth) + "1" + "}".repeat(depth) + "}";
			case 3 -> "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":["
					+ "{\"resource\":{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[".repeat(Math.min(depth, 400))
					+ "]}}".repeat(Math.min(depth, 400)) + "]}";
			default -> "{\"resourceType\":\"Parameters\",\"parameter\":[" + "{\"name\":\"p\",\"part\":[".repeat(depth) + "]}".repeat(depth) + "]}";
		};
		String type = body.substring(17, body.indexOf('"', 17));
		String path = type.equals("Parameters") ? "/fhir/$validate" : type.equals("Bundle") ? "/fhir" : "/fhir/" + type;
		return FuzzCase.of("json-deep", "POST", path).header("Content-Type", FHIR_JSON).body(body).build();
	}

	private FuzzCase jsonUnicode() {
		ObjectNode resource = example();
		List<JsonNode[]> slots = slots(resource);
		JsonNode[] slot = slots.get(random.nextInt(slots.size()));
		replace(slot, NODES.textNode("@@FUZZ@@"));
		String text = resource.toString();
		byte[] body;
		if (random.nextInt(3) == 0) {
			String[] halves = text.split("@@FUZZ@@", 2);
			body = concat(bytes(halves[0]), BAD_BYTES[random.nextInt(BAD_BYTES.length)], bytes(halves[1]));
		} else if (random.nextInt(6) == 0) {
			body = bytes(text.replace("\"@@FUZZ@@\"", "\"x\"").replace("\"resourceType\"", "\"resource\\u0000Type\""));
		} else {
			body = bytes(text.replace("@@FUZZ@@", pick(ODD_STRINGS)));
		}
		if (random.nextInt(8) == 0) body = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body);
		return fhirWrite("json-unicode", resource.path("resourceType").asText(), body, FHIR_JSON);
	}

	private FuzzCase jsonValues() {
		ObjectNode resource = example();
		List<JsonNode[]> slots = slots(resource).stream().filter(s -> s[2].isValueNode()).toList();
		List<JsonNode[]> dates = slots.stream().filter(s -> isField(s, DATE_FIELDS)).toList();
		List<JsonNode[]> numbers = slots.stream().filter(s -> isField(s, NUMBER_FIELDS) || s[2].isNumber()).toList();
		List<JsonNode[]> ids = slots.stream().filter(s -> isField(s, new String[] {"id", "reference", "url", "system", "code"})).toList();
		String literal;
		JsonNode[] slot;
		int kind = random.nextInt(3);
		if (kind == 0 && !dates.isEmpty()) {
			slot = dates.get(random.nextInt(dates.size()));
			literal = JSON.valueToTree(pick(BAD_DATES)).toString();
		} else if (kind == 1 && !numbers.isEmpty()) {
			slot = numbers.get(random.nextInt(numbers.size()));
			literal = pick(BAD_NUMBERS);
		} else {
			slot = (ids.isEmpty() ? slots : ids).get(random.nextInt((ids.isEmpty() ? slots : ids).size()));
			literal = JSON.valueToTree(pick(new String[] {"a/b", "../..", "x".repeat(70), "", "Patient/", "http://169.254.169.254/Patient/1",
					"#", "urn:uuid:bad", "Patient/fuzz-patient/_history/abc", "Patient/fuzz-patient?x=1", "Patient/ha ha", "1e5",
					"Patient/fuzz-patient/../fuzz-patient", "javascript:alert(1)", "Spaceship/1", "//", "Patient//x"})).toString();
		}
		replace(slot, NODES.textNode("@@FUZZ@@"));
		String body = resource.toString().replace(PLACEHOLDER, literal);
		return fhirWrite("json-values", resource.path("resourceType").asText(), bytes(body), FHIR_JSON);
	}

	// ---- FHIR XML bodies

	private FuzzCase xml() {
		ObjectNode resource = example();
		String xml = FhirHttp.R4.newXmlParser().encodeResourceToString(FhirHttp.R4.newJsonParser().parseResource(resource.toString()));
		String type = resource.get("resourceType").asText();
		String body = switch (random.nextInt(12)) {
			case 0 -> xml.substring(0, random.nextInt(xml.length()));
			case 1 -> "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
					+ xml.replaceFirst("<id value=\"[^\"]*\"/>", "<id value=\"&e;\"/>");
			case 2 -> "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
					+ "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
					+ xml.replaceFirst("<id value=\"[^\"]*\"/>", "<id value=\"&d;\"/>");
			case 3 -> xml.replace("http://hl7.org/fhir", "http://example.org/not-fhir");
			case 4 -> xml.replaceFirst("value=\"", "valu=\"");
			case 5 -> xml.replaceFirst("value=\"[^\"]*\"", "value=\"&#xD800;\"");
			case 6 -> xml.replaceFirst("value=\"[^\"]*\"", "value=\"&#0;\"");
			case 7 -> "<?xml version=\"1.0\" encoding=\"EBCDIC-bogus\"?>" + xml;
			case 8 -> "<" + type + " xmlns=\"http://hl7.org/fhir\">" + "<extension url=\"http://x/e\">".repeat(1200)
					+ "</extension>".repeat(1200) + "</" + type + ">";
			case 9 -> xml.replaceFirst(">", "><unknownElement><b>text</b></unknownElement>");
			case 10 -> xml.replaceFirst("value=\"[^\"]*\"", "value=\"" + pick(BAD_DATES).replace("\"", "") + "\"");
			default -> "<" + type + " xmlns=\"http://hl7.org/fhir\"><![CDATA[x]]><?pi x?></" + type + ">";
		};
		String contentType = random.nextInt(10) == 0 ? FHIR_JSON : pick(new String[] {FHIR_XML, "application/xml", "text/xml"});
		return fhirWrite("xml", type, bytes(body), contentType);
	}

	// ---- FHIR searches, paths, methods, negotiation

	private FuzzCase search() {
		String type = pick(new String[] {"Patient", "Observation", "MedicationAdministration", "MedicationRequest", "Condition",
				"Procedure", "Spaceship", "metadata"});
		StringBuilder query = new StringBuilder();
		for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
			if (query.length() > 0) query.append('&');
			String[] parameter = pick(SEARCHES);
			query.append(encode(parameter[0])).append('=').append(encode(parameter[1]));
		}
		if (random.nextInt(8) == 0) {
			return FuzzCase.of("search", "POST", "/fhir/" + type + "/_search")
					.header("Content-Type", pick(new String[] {"application/x-www-form-urlencoded", "text/plain", FHIR_JSON}))
					.body(query.toString()).build();
		}
		return FuzzCase.of("search", "GET", "/fhir/" + type + "?" + query).header("Accept", FHIR_JSON).build();
	}

	private static final String[][] SEARCHES = {{"name", "x"}, {"name:exact", ""}, {"name:missing", "maybe"}, {"name:bogus", "x"},
			{"name:contains", "😀"}, {"name", "\ud83d\ude00"}, {"birthdate", "yesterday"}, {"birthdate", "xx2020"}, {"birthdate", "gt2020-13"},
			{"birthdate", "eb"}, {"birthdate", "2020-01-01T25:00"}, {"_count", "-1"}, {"_count", "abc"}, {"_count", "99999999999"},
			{"_count", "1e3"}, {"_offset", "-5"}, {"_sort", "bogus"}, {"_sort", "-"}, {"_sort", "name,,"}, {"_include", "bad"},
			{"_include", "Patient:bogus"}, {"_include", "*"}, {"_revinclude", "Observation:subject:Bogus"}, {"_summary", "bogus"},
			{"_elements", "a:b"}, {"_elements", ""}, {"_total", "bogus"}, {"_format", "bogus"}, {"_format", "xml"},
			{"_lastUpdated", "gt-bad"}, {"_id", ",,,"}, {"identifier", "|||"}, {"subject:Patient.name", "x"}, {"subject.bogus.x", "1"},
			{"subject:Bogus", "x"}, {"_has:Observation:subject:code", "x"}, {"_has:bad", "x"}, {"_has:Observation:subject", "x"},
			{"code:bogus", "x"}, {"code:text", ""}, {"code:in", "not a url"}, {"code:below", "|"}, {"value-quantity", "abc|def|ghi"},
			{"value-quantity", "1e400"}, {"value-quantity", "gt"}, {"date", "2020-01-01T25:00"}, {"_content", "\"unclosed"},
			{"_text", "a OR OR"}, {"_filter", "name eq"}, {"_query", "bogus"}, {"_pretty", "maybe"}, {"_tag", "||"},
			{"_profile", "::"}, {"_security", "|"}, {"_list", "x"}, {"_type", "Spaceship"}, {"subject", "Patient/"},
			{"subject", "Patient/fuzz-patient/_history/x"}, {"patient", "../../x"}, {"_source", "#"}, {"", "x"}, {"=", "="},
			{"_count", "0"}, {"_getpages", "bogus"}, {"_getpagesoffset", "-1"}, {"_at", "bad"}, {"_since", "bad"},
			{"gender", "\u0000"}, {"family", "\u202e"}, {"_language", "x"}, {"subject:missing", "1"}, {"_id:above", "x"},
			{"name", "' OR '1'='1"}, {"name", "${jndi:ldap://x/a}"}, {"_id", "1' OR 1=1--"}, {"identifier", "x|'; DROP TABLE HFJ_RESOURCE; --"},
			{"_content", "<script>alert(1)</script>"}, {"name:contains", "%_%"}, {"name", "*"}, {"_filter", "name co \"x\" or 1 eq 1"},
			{"_sort", "name; DROP TABLE x"}, {"_has:Observation:subject:_id", "' or 1=1"}, {"name", "{{context.patientId}}"}};

	private FuzzCase pathsAndMethods() {
		String path = pick(new String[] {"/fhir/Patient/fuzz-patient/_history/abc", "/fhir//Patient", "/fhir/Patient/",
				"/fhir/$bogus", "/fhir/Patient/$bogus", "/fhir/Patient/fuzz-patient/$everything?_count=abc", "/fhir/metadata?mode=bogus",
				"/fhir/_history?_since=bad", "/fhir/Patient/fuzz-patient/_history/1/extra/extra", "/fhir/Patient/%2e%2e",
				"/fhir/Patient/a%2Fb", "/fhir/Patient/x;y=z", "/fhir/Patient/" + "x".repeat(300), "/", "/error", "/nope",
				"/cds-services/nope", "/cds-services/stemirac-order-sign/feedback/extra", "/actuator/nope", "/fhir/Patient/fuzz-nobody",
				"/fhir/Spaceship/1", "/fhir/Patient/fuzz-patient/Observation/x/y", "/fhir/Patient/_search?x", "/fhir/$validate",
				"/fhir/Patient/$validate", "/fhir/Patient/fuzz-patient/$stemirac-evaluate", "/fhir/$stemirac-evaluate",
				"/cds-services/", "/cds-services/stemirac-order-sign/", "/fhir/Patient/fuzz-patient/_history", "/fhir/%C3%A9"});
		String method = pick(new String[] {"GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "PROPFIND", "MKCOL",
				"LOCK", "FOO", "TRACE"});
		if (method.equals("DELETE") && !path.contains("fuzz")) method = "GET";
		FuzzCase.Builder request = FuzzCase.of("paths-methods", method, path);
		if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("DELETE") && !method.equals("TRACE")) {
			String[] body = pick(new String[][] {{FHIR_JSON, "{\"resourceType\":\"Patient\",\"id\":\"fuzz-patient\"}"},
					{"application/json-patch+json", "[{\"op\":\"bogus\"}]"}, {"application/json-patch+json", "{}"},
					{"application/json-patch+json", "[{\"op\":\"replace\",\"path\":\"/gender\",\"value\":{}}]"},
					{"application/fhir+json", "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"operation\"}]}"},
					{"text/plain", "hello"}, {FHIR_JSON, ""}, {FHIR_XML, "<Parameters xmlns=\"http://hl7.org/fhir\"/>"}});
			request.header("Content-Type", body[0]).body(body[1]);
		}
		return request.header("Accept", random.nextBoolean() ? FHIR_JSON : null).build();
	}

	private FuzzCase negotiation() {
		String path = pick(new String[] {"/fhir/Patient/fuzz-patient", "/fhir/metadata", "/fhir/Patient/fuzz-nobody",
				"/fhir/Patient?birthdate=bad", "/cds-services", "/cds-services/nope", "/nope"});
		FuzzCase.Builder request = FuzzCase.of("negotiation", "GET", path).header("Accept", pick(ACCEPTS))
				.header("Accept-Language", pick(LANGUAGES)).header("Accept-Charset", pick(new String[] {null, "bogus", "utf-16"}));
		if (random.nextBoolean()) {
			request = FuzzCase.of("negotiation", "POST", "/fhir/Patient").header("Accept", pick(ACCEPTS))
					.header("Content-Type", pick(CONTENT_TYPES)).header("Accept-Language", pick(LANGUAGES))
					.body("{\"resourceType\":\"Patient\",\"birthDate\":\"bad\"}");
		}
		return request.build();
	}

	// ---- huge: bodies, values, arrays, bundles, gzip bombs and parameter lists past every limit

	private FuzzCase huge() {
		switch (random.nextInt(10)) {
			case 0: {
				int size = pick(new Integer[] {250_000, 1_000_000, 6_000_000});
				return FuzzCase.of("huge", "POST", "/fhir/Patient").header("Content-Type", FHIR_JSON)
						.body("{\"resourceType\":\"Patient\",\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">"
								+ "x".repeat(size) + "</div>\"}}").build();
			}
			case 1:
				return FuzzCase.of("huge", "POST", "/fhir/Patient").header("Content-Type", FHIR_JSON)
						.body("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + "ｘ".repeat(pick(new Integer[] {20_000, 60_000})) + "\"}]}").build();
			case 2:
				return FuzzCase.of("huge", "POST", "/fhir/Patient").header("Content-Type", FHIR_JSON)
						.body("{\"resourceType\":\"Patient\",\"name\":[" + "{\"family\":\"x\"},".repeat(pick(new Integer[] {3000, 12000}))
								+ "{\"family\":\"x\"}]}").build();
			case 3: {
				String entry = "{\"resource\":{\"resourceType\":\"Patient\"},\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},";
				String entries = entry.repeat(pick(new Integer[] {600, 1500}));
				return FuzzCase.of("huge", "POST", "/fhir").header("Content-Type", FHIR_JSON)
						.body("{\"resourceType\":\"Bundle\",\"type\":pick,\"entry\":[".replace("pick", random.nextBoolean() ? "\"transaction\"" : "\"batch\"")
								+ entries.substring(0, entries.length() - 1) + "]}").build();
			}
			case 4:
				return FuzzCase.of("huge", "POST", "/fhir/Patient").header("Content-Type", FHIR_JSON).header("Content-Encoding", "gzip")
						.body(gzip(" ".repeat(pick(new Integer[] {1_000_000, 20_000_000})))).build();
			case 5:
				return FuzzCase.of("huge", "POST", "/fhir/Patient").header("Content-Type", FHIR_JSON)
						.body("{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"x\"},\"valueQuantity\":{\"value\":"
								+ "9".repeat(pick(new Integer[] {2000, 100_000})) + "}}").build();
			case 6:
				return FuzzCase.of("huge", "POST", "/cds-services/" + pick(SERVICES.toArray(new String[0])))
						.header("Content-Type", "application/json").body("{\"hook\":\"patient-view\",\"hookInstance\":\"fuzz\",\"context\":"
								+ "{\"userId\":\"PractitionerRole/fuzz-role\",\"patientId\":\"" + "x".repeat(pick(new Integer[] {300_000, 6_000_000})) + "\"}}")
						.build();
			case 7:
				return FuzzCase.of("huge", "POST", "/fhir/Patient/_search").header("Content-Type", "application/x-www-form-urlencoded")
						.body("name=x&".repeat(pick(new Integer[] {1500, 20_000}))).build();
			case 8:
				return FuzzCase.of("huge", "GET", "/fhir/Patient?" + "name=x&".repeat(pick(new Integer[] {900, 3000}))).build();
			default:
				return FuzzCase.of("huge", "GET", "/fhir/Observation?code=" + encode("x,".repeat(pick(new Integer[] {1500, 3500}))))
						.header("Accept", FHIR_JSON).build();
		}
	}

	// ---- random methods on random paths

	private static final String[] ROUTE_PREFIXES = {"/fhir", "/fhir", "/fhir", "/fhir", "/cds-services", "", "/actuator", "/error",
			"/fhir/fhir", "/FHIR", "/cds-services/stemirac-order-sign"};
	private static final String[] ROUTE_SEGMENTS = {"Patient", "Observation", "MedicationRequest", "MedicationAdministration",
			"Condition", "Bundle", "Spaceship", "metadata", "CodeSystem", "ValueSet", "StructureDefinition", "AuditEvent", "fuzz-patient",
			"fuzz-nobody", "fuzz-put-7", "1", "-1", ".", "..", "_history", "_search", "$validate", "$everything", "$meta", "$expand",
			"$lookup", "$bogus", "$stemirac-evaluate", "feedback", "_", "health", "%2e%2e", "%2F", "%00", "%20", "%C3%A9", "~", "@", ";x"};
	private static final String[] ROUTE_METHODS = {"GET", "GET", "POST", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "TRACE",
			"PROPFIND", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "REPORT", "SEARCH", "PURGE"};

	private FuzzCase randomRoutes() {
		StringBuilder path = new StringBuilder(pick(ROUTE_PREFIXES));
		for (int i = 0, n = random.nextInt(5); i < n; i++) {
			path.append('/').append(random.nextInt(6) == 0 ? randomSegment() : pick(ROUTE_SEGMENTS));
		}
		if (path.length() == 0 || random.nextInt(8) == 0) path.append('/');
		String method = random.nextInt(8) == 0 ? randomToken() : pick(ROUTE_METHODS);
		boolean write = !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
		// a write never carries a query (no conditional update or delete can reach another test's data), and a
		// DELETE only ever names a fuzz-* resource
		if (method.equals("DELETE") && !path.toString().contains("/fuzz-")) method = "GET";
		if (!write && random.nextInt(4) == 0) {
			String[] parameter = pick(SEARCHES);
			path.append('?').append(encode(parameter[0])).append('=').append(encode(parameter[1]));
		}
		FuzzCase.Builder request = FuzzCase.of("random-routes", method, path.toString());
		if (write && random.nextBoolean()) {
			ObjectNode body = example();
			request.header("Content-Type", pick(CONTENT_TYPES)).body(random.nextBoolean() ? body.toString() : mutateJson(body));
		}
		return request.header("Accept", pick(ACCEPTS)).build();
	}

	private String randomSegment() {
		StringBuilder segment = new StringBuilder();
		for (int i = 0, n = 1 + random.nextInt(12); i < n; i++) {
			segment.appendCodePoint(random.nextInt(4) == 0 ? 0x80 + random.nextInt(0x3000) : 0x21 + random.nextInt(0x5e));
		}
		return encode(segment.toString());
	}

	private String randomToken() {
		StringBuilder token = new StringBuilder();
		for (int i = 0, n = 1 + random.nextInt(10); i < n; i++) token.append((char) ('A' + random.nextInt(26)));
		return token.toString().equals("CONNECT") ? "CONNECTX" : token.toString();
	}

	// ---- bodies that end early: fewer bytes than Content-Length, a cut chunk, a cut gzip stream

	private FuzzCase truncatedBodies() {
		String json = example().toString();
		byte[] cut = bytes(json.substring(0, random.nextInt(json.length())));
		String path = pick(new String[] {"/fhir/Patient", "/fhir/Observation", "/fhir", "/cds-services/stemirac-order-sign",
				"/cds-services/stemirac-patient-view/feedback"});
		String type = path.startsWith("/fhir") ? FHIR_JSON : "application/json";
		String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + type + "\r\nConnection: close\r\n";
		switch (random.nextInt(4)) {
			case 0:
				return FuzzCase.raw("truncated", concat(bytes(head + "Content-Length: " + (cut.length + 1 + random.nextInt(5000)) + "\r\n\r\n"), cut));
			case 1:
				return FuzzCase.raw("truncated", concat(bytes(head + "Transfer-Encoding: chunked\r\n\r\n"
						+ Integer.toHexString(cut.length + 1 + random.nextInt(100)) + "\r\n"), cut));
			case 2:
				return FuzzCase.raw("truncated", concat(bytes(head + "Transfer-Encoding: chunked\r\n\r\n"
						+ Integer.toHexString(cut.length) + "\r\n"), cut, bytes("\r\n")));
			default: {
				byte[] zipped = gzip(json);
				return FuzzCase.of("truncated", "POST", path).header("Content-Type", type).header("Content-Encoding", "gzip")
						.body(java.util.Arrays.copyOf(zipped, random.nextInt(zipped.length))).build();
			}
		}
	}

	private static byte[] gzip(String text) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
			zip.write(bytes(text));
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return out.toByteArray();
	}

	// ---- what only a socket can send

	private FuzzCase raw() {
		String target = switch (random.nextInt(6)) {
			case 0 -> pick(new String[] {"/fhir/Patient?name=%zz", "/fhir/Patient?name=%", "/fhir/Patient?name=%0", "/fhir/Patient?name=%00",
					"/fhir/Patient?name=%c0%af", "/fhir/Patient?name=%ff%fe", "/fhir/Patient?name=%ED%A0%80", "/fhir/Patient/%zz",
					"/fhir/%00", "/cds-services/%zz", "/%zz", "/fhir/Patient?name=a%2", "/fhir/Patient/%c0%ae%c0%ae",
					"/cds-services/stemirac-order-sign?x=%zz", "/fhir/Patient?%zz=1", "/error?%zz", "/fhir/Patient/%2F..%2F"});
			case 1 -> "/fhir/Patient?name=" + "a".repeat(pick(new Integer[] {9000, 16000}));
			case 2 -> "/fhir/" + "Patient/".repeat(pick(new Integer[] {1200, 9000}));
			case 3 -> pick(new String[] {"/fhir/Pat ient", "/fhir/Pat\tient", "/fhir/<script>", "/fhir/Patient?name=<>\"{}",
					"/fhir/Patient?name=a|b", "/fhir\\Patient", "/fhir/Patient?name=^`", "fhir/metadata", "http://evil/fhir/metadata",
					"*", "/fhir/Patient?name=\u00e9", "/cds-services/\u00e9", "/fhir/Patient#frag", "/fhir/Patient?name=a\u007fb"});
			default -> "/fhir/metadata";
		};
		String method = pick(new String[] {"GET", "GET", "GET", "POST", "GE T", "G(T", "\u00e9GET", "TRACE", "CONNECT", "PROPFIND",
				"get", "GET\u0000", "", "BREW", "X".repeat(300)});
		String version = pick(new String[] {"HTTP/1.1", "HTTP/1.1", "HTTP/1.1", "HTTP/1.0", "HTTP/9.9", "", "HTTP/1.1 extra", "http/1.1"});
		String headers = pick(new String[] {"", "", "X-Long: " + "a".repeat(pick(new Integer[] {9000, 16000})) + "\r\n",
				"Bad Header: x\r\n", "NoColon\r\n", "X-Folded: a\r\n b\r\n", "Content-Length: -1\r\n", "Content-Length: abc\r\n",
				"Content-Length: 5\r\nContent-Length: 6\r\n", "Transfer-Encoding: bogus\r\n",
				"Transfer-Encoding: chunked\r\n", "Accept-Language: en\r\n", "Accept: application/fhir+xml\r\n",
				"X-Many: 1\r\n".repeat(150), "Content-Type: \u0000\r\n", "Expect: 100-continue\r\n"});
		String host = random.nextInt(10) == 0 ? pick(new String[] {"", "Host: a b\r\n", "Host: \u00e9\r\n", "Host: x:99999\r\n"}) : "Host: localhost\r\n";
		String body = headers.startsWith("Transfer-Encoding: chunked") ? "zz\r\nabc\r\n" : "";
		String line = method.isEmpty() && random.nextBoolean() ? "" : method + " " + target + (version.isEmpty() ? "" : " " + version);
		return FuzzCase.raw("raw", line + "\r\n" + host + headers + "Connection: close\r\n\r\n" + body);
	}

	// ---- CDS Hooks

	private FuzzCase cds() {
		String service = random.nextInt(12) == 0 ? "stemirac-nope" : pick(SERVICES.toArray(new String[0]));
		boolean feedback = random.nextInt(4) == 0;
		String path = "/cds-services/" + service + (feedback ? "/feedback" : "");
		String body = feedback ? cdsFeedbackBody() : cdsCallBody(service);
		String method = random.nextInt(15) == 0 ? pick(new String[] {"GET", "PUT", "DELETE", "PATCH", "PROPFIND"}) : "POST";
		String contentType = random.nextInt(3) == 0 ? pick(CONTENT_TYPES) : "application/json";
		FuzzCase.Builder request = FuzzCase.of("cds", method, path).header("Content-Type", contentType)
				.header("Accept", random.nextInt(5) == 0 ? pick(ACCEPTS) : "application/json")
				.header("Accept-Language", pick(LANGUAGES));
		if (!method.equals("GET") && !method.equals("DELETE")) request.body(body);
		return request.build();
	}

	private String cdsCallBody(String service) {
		String hook = service.replace("stemirac-", "");
		ObjectNode request = NODES.objectNode().put("hook", hook).put("hookInstance", "fuzz-" + random.nextInt(1_000_000));
		ObjectNode context = request.putObject("context").put("userId", "PractitionerRole/fuzz-role").put("patientId", "fuzz-patient");
		if (!hook.equals("patient-view")) {
			ObjectNode order = (ObjectNode) exampleOfType("MedicationRequest");
			order.remove("id");
			ObjectNode bundle = NODES.objectNode().put("resourceType", "Bundle").put("type", "collection");
			bundle.putArray("entry").addObject().set("resource", order);
			context.set("draftOrders", bundle);
			if (hook.equals("order-select")) context.putArray("selections").add("MedicationRequest/x");
		}
		if (random.nextInt(4) == 0) request.putObject("prefetch").set("patient", exampleOfType("Patient"));
		return mutateJson(request);
	}

	private String cdsFeedbackBody() {
		ObjectNode item = NODES.objectNode().put("card", "00000000-0000-0000-0000-000000000000").put("outcome", "accepted")
				.put("outcomeTimestamp", "2026-11-25T10:00:00Z");
		item.putArray("acceptedSuggestions").addObject().put("id", "x");
		ObjectNode body = NODES.objectNode();
		body.putArray("feedback").add(item);
		return mutateJson(random.nextBoolean() ? body : item);
	}

	/** One of the generic JSON breakages, applied to a CDS Hooks body. */
	private String mutateJson(ObjectNode body) {
		List<JsonNode[]> slots = slots(body);
		switch (random.nextInt(6)) {
			case 0: {
				String text = body.toString();
				return text.substring(0, random.nextInt(text.length()));
			}
			case 1: {
				JsonNode[] slot = slots.get(random.nextInt(slots.size()));
				replace(slot, NODES.textNode("@@FUZZ@@"));
				return body.toString().replace("@@FUZZ@@", pick(ODD_STRINGS));
			}
			case 2: {
				JsonNode[] slot = slots.get(random.nextInt(slots.size()));
				if (slot[0] instanceof ObjectNode parent) parent.remove(slot[1].asText());
				return body.toString();
			}
			case 3:
				return "{\"hook\":" + "[".repeat(pick(new Integer[] {500, 999, 1001, 5000})) + "]".repeat(0) + "}";
			default: {
				for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
					JsonNode[] slot = slots.get(random.nextInt(slots.size()));
					replace(slot, otherTypeThan(slot[2]));
				}
				return body.toString();
			}
		}
	}

	// ---- helpers

	private FuzzCase fhirWrite(String category, String type, byte[] body, String contentType) {
		String safeType = type == null || !type.matches("[A-Z][A-Za-z]{1,40}") ? "Patient" : type;
		int how = random.nextInt(10);
		String method = how < 6 ? "POST" : how < 9 ? "PUT" : "POST";
		String path = how < 6 ? "/fhir/" + safeType : how < 9 ? "/fhir/" + safeType + "/fuzz-put-" + random.nextInt(50) : "/fhir";
		return FuzzCase.of(category, method, path).header("Content-Type", contentType)
				.header("Accept-Language", random.nextInt(4) == 0 ? "en" : null).body(body).build();
	}

	/** A valid Patient (the example's, without its id): what a server that still works must store. */
	String validPatient() {
		ObjectNode patient = (ObjectNode) exampleOfType("Patient");
		patient.remove("id");
		return patient.toString();
	}

	/** A copy of a valid example (fuzz ids), sometimes without its id or profile. */
	private ObjectNode example() {
		ObjectNode copy = examples.get(random.nextInt(examples.size())).deepCopy();
		if (random.nextBoolean()) copy.remove("id");
		if (random.nextBoolean()) copy.remove("meta");
		return copy;
	}

	private JsonNode exampleOfType(String type) {
		return examples.stream().filter(e -> e.get("resourceType").asText().equals(type)).findFirst().orElseThrow().deepCopy();
	}

	/** Every (parent, key-or-index, value) in the tree, the root's resourceType included. */
	private static List<JsonNode[]> slots(JsonNode root) {
		List<JsonNode[]> slots = new ArrayList<>();
		collect(root, slots);
		return slots;
	}

	private static void collect(JsonNode node, List<JsonNode[]> slots) {
		if (node.isObject()) {
			node.fields().forEachRemaining(field -> {
				slots.add(new JsonNode[] {node, NODES.textNode(field.getKey()), field.getValue()});
				collect(field.getValue(), slots);
			});
		} else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				slots.add(new JsonNode[] {node, NODES.numberNode(i), node.get(i)});
				collect(node.get(i), slots);
			}
		}
	}

	private static void replace(JsonNode[] slot, JsonNode value) {
		if (slot[0] instanceof ObjectNode parent) parent.set(slot[1].asText(), value);
		else ((ArrayNode) slot[0]).set(slot[1].asInt(), value);
	}

	private static boolean isField(JsonNode[] slot, String[] names) {
		return slot[0].isObject() && List.of(names).contains(slot[1].asText());
	}

	private JsonNode otherTypeThan(JsonNode value) {
		List<JsonNode> choices = new ArrayList<>(List.of(NODES.textNode("x"), NODES.textNode(""), NODES.numberNode(1),
				NODES.numberNode(-1.5), NODES.numberNode(1e308), NODES.objectNode(), NODES.objectNode().put("a", 1), NODES.arrayNode(),
				NODES.arrayNode().add(1), NODES.arrayNode().add(NODES.objectNode()), NODES.nullNode(), NODES.booleanNode(true)));
		choices.removeIf(c -> c.getNodeType() == value.getNodeType() && !(c.isContainerNode() && c.isEmpty()));
		return choices.get(random.nextInt(choices.size()));
	}

	private String deleteChar(String text) {
		int at = random.nextInt(text.length());
		return text.substring(0, at) + text.substring(at + 1);
	}

	private String insertAt(String text, String insert) {
		int at = random.nextInt(text.length());
		return text.substring(0, at) + insert + text.substring(at);
	}

	private <T> T pick(T[] choices) {
		return choices[random.nextInt(choices.length)];
	}

	private static String resourceType(String text) {
		int at = text.indexOf("\"resourceType\":\"");
		if (at < 0) return "Patient";
		int start = at + 16;
		int end = text.indexOf('"', start);
		return end < 0 ? "Patient" : text.substring(start, end);
	}

	private static String fuzzIds(String text) {
		return text.replace("example-", "fuzz-");
	}

	private static JsonNode parse(String text) {
		try {
			return JSON.readTree(text);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) out.writeBytes(part);
		return out.toByteArray();
	}
}
