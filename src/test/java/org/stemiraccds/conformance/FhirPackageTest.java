package org.stemiraccds.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.utilities.json.model.JsonObject;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The NPM FHIR package the build writes is complete by the NPM package conventions, and a validator that knows
 * nothing of this server (HAPI's stock chain, default settings) gives the examples their verdicts from it alone.
 */
class FhirPackageTest {
	static final Path PACKAGE = Path.of("target/stemirac-cds-fhir-package.tgz");
	private static final FhirContext R4 = StandaloneValidator.R4;
	private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
	private static NpmPackage npm;
	private static StockPackageValidator stock;

	@BeforeAll
	static void load() throws IOException {
		try (InputStream in = Files.newInputStream(PACKAGE)) {
			npm = NpmPackage.fromPackage(in);
		}
		stock = new StockPackageValidator(R4, npm);
	}

	@Test
	void manifestNamesCanonicalVersionAndFhirVersion() {
		assertThat(npm.name()).isEqualTo("org.stemirac-cds.fhir");
		assertThat(npm.canonical()).isEqualTo(ConformanceResources.CANONICAL_BASE);
		assertThat(npm.version()).isNotBlank();
		assertThat(npm.fhirVersionList()).contains("4.0.1");
	}

	@Test
	void holdsEveryProfileAndTerminologyFile() throws IOException {
		assertThat(npm.list("package")).containsAll(ourFileNames());
	}

	@Test
	void indexListsEveryResourceOfThePackageAndOfItsExamples() throws IOException {
		assertThat(npm.hasFile("package", ".index.json")).isTrue();
		JsonObject index = indexOf("package");
		assertThat(index.asInteger("index-version")).isIn(1, 2);
		List<String> indexed = filenames(index);
		assertThat(indexed).containsAll(ourFileNames())
				.contains("ImplementationGuide-stemirac-cds.json", "CodeSystem-icd-10-fragment.json")
				.containsExactlyInAnyOrderElementsOf(resourceFiles("package"));
		assertThat(filenames(indexOf("example"))).hasSize(Examples.valid().size())
				.containsExactlyInAnyOrderElementsOf(resourceFiles("example"));
	}

	@Test
	void implementationGuideDefinesEveryResourceOfThePackage() throws IOException {
		ImplementationGuide ig = (ImplementationGuide) read("package", "ImplementationGuide-stemirac-cds.json");
		assertThat(ig.getUrl()).isEqualTo(ConformanceResources.CANONICAL_BASE + "/ImplementationGuide/stemirac-cds");
		assertThat(ig.getVersion()).isEqualTo(npm.version());
		assertThat(ig.getPackageId()).isEqualTo(npm.name());
		assertThat(ig.getFhirVersion()).extracting(v -> v.getValueAsString()).containsExactly("4.0.1");
		assertThat(ig.getDependsOn()).anySatisfy(d -> assertThat(d.getPackageId()).isEqualTo("hl7.fhir.r4.core"));
		List<String> listed = ig.getDefinition().getResource().stream().map(r -> r.getReference().getReference()).toList();
		List<String> expected = new ArrayList<>();
		for (String file : resourceFiles("package")) {
			Resource resource = read("package", file);
			if (!(resource instanceof ImplementationGuide)) expected.add(resource.fhirType() + "/" + resource.getIdPart());
		}
		for (String file : resourceFiles("example")) {
			Resource example = read("example", file);
			expected.add(example.fhirType() + "/" + example.getIdPart());
		}
		assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(stock.errors(ig)).as("ImplementationGuide against the core definitions").isEmpty();
	}

	@Test
	void everyStructureDefinitionCarriesItsSnapshotNextToItsDifferential() throws IOException {
		for (String file : npm.listResources("StructureDefinition")) {
			StructureDefinition sd = (StructureDefinition) read("package", file);
			assertThat(sd.hasDifferential()).as(file).isTrue();
			assertThat(sd.getSnapshot().getElement()).as(file).hasSizeGreaterThanOrEqualTo(sd.getDifferential().getElement().size());
		}
	}

	@Test
	void stockValidatorFromThePackageFindsNoErrorInTheValidExamples() {
		for (Path valid : Examples.valid()) {
			assertThat(stock.errors(Examples.parse(R4, valid))).as(valid.toString()).isEmpty();
		}
	}

	@Test
	void stockValidatorFromThePackageRefusesEachInvalidExampleForItsReason() {
		for (Path invalid : Examples.invalid()) {
			String expected = Examples.expectedMessages().get(invalid.getFileName().toString());
			assertThat(stock.errors(Examples.parse(R4, invalid)))
					.as(invalid.toString())
					.anySatisfy(m -> assertThat(m.getMessage()).contains(expected));
		}
	}

	/** The ICD-10 fragment does not widen the value sets: a code outside sci-traumatic is still refused. */
	@Test
	void stockValidatorRefusesAnIcd10CodeOutsideTheBoundValueSet() {
		Condition condition = (Condition) Examples.parse(R4, Examples.ROOT.resolve("valid/traumatic-sci-condition.json"));
		condition.getCode().getCoding().stream().filter(c -> ICD10.equals(c.getSystem())).forEach(c -> c.setCode("G95.1"));
		List<SingleValidationMessage> errors = stock.errors(condition);
		assertThat(errors).anySatisfy(m -> assertThat(m.getMessage()).contains("ValueSet/sci-traumatic"));
	}

	/** Why the fragments are there: without them a stock validator cannot check ICD-10 at all, and says so. */
	@Test
	void withoutTheFragmentsAStockValidatorRefusesTheValidIcd10Example() throws IOException {
		StockPackageValidator withoutFragments = new StockPackageValidator(R4, npm, file -> !file.contains("-fragment"));
		assertThat(withoutFragments.errors(Examples.parse(R4, Examples.ROOT.resolve("valid/traumatic-sci-condition.json"))))
				.anySatisfy(m -> assertThat(m.getMessage()).contains("CodeSystem is unknown", ICD10));
	}

	/**
	 * What a stock chain makes of a fragment: a code in it is known; a code absent from it is not an error (a
	 * fragment cannot say a code does not exist). Membership of our value sets is what refuses a wrong code.
	 */
	@Test
	void stockChainKnowsTheFragmentCodesAndDoesNotRefuseOthersForTheirAbsence() {
		ValidationSupportContext context = new ValidationSupportContext(stock.chain());
		CodeValidationResult inFragment = stock.chain().validateCode(context, new ConceptValidationOptions(), ICD10, "S14.1", null, null);
		CodeValidationResult absent = stock.chain().validateCode(context, new ConceptValidationOptions(), ICD10, "G95.1", null, null);
		assertThat(inFragment.isOk()).isTrue();
		assertThat(absent == null || absent.isOk()).isTrue();
	}

	@Test
	void fragmentsHoldExactlyTheExternalCodesOurValueSetsEnumerate() throws IOException {
		CodeSystem icd10 = (CodeSystem) read("package", "CodeSystem-icd-10-fragment.json");
		assertThat(icd10.getUrl()).isEqualTo(ICD10);
		assertThat(icd10.getContent()).isEqualTo(CodeSystem.CodeSystemContentMode.FRAGMENT);
		List<String> enumerated = ConformanceResources.load(R4).ofType(org.hl7.fhir.r4.model.ValueSet.class).stream()
				.flatMap(vs -> vs.getCompose().getInclude().stream())
				.filter(include -> ICD10.equals(include.getSystem()))
				.flatMap(include -> include.getConcept().stream())
				.map(c -> c.getCode())
				.distinct()
				.toList();
		assertThat(icd10.getConcept()).extracting(c -> c.getCode()).containsExactlyInAnyOrderElementsOf(enumerated);
		assertThat(Path.of("terminology/CodeSystem-icd-10-fragment.json")).doesNotExist();
	}

	private static List<String> ourFileNames() {
		return ConformanceResources.load(R4).all().stream()
				.map(r -> r.fhirType() + "-" + r.getIdElement().getIdPart() + ".json")
				.toList();
	}

	private static JsonObject indexOf(String folder) throws IOException {
		try (InputStream in = npm.load(folder, ".index.json")) {
			return org.hl7.fhir.utilities.json.parser.JsonParser.parseObject(in);
		}
	}

	private static List<String> filenames(JsonObject index) {
		return index.getJsonArray("files").asJsonObjects().stream().map(f -> f.asString("filename")).toList();
	}

	private static List<String> resourceFiles(String folder) throws IOException {
		return npm.list(folder).stream().filter(f -> f.endsWith(".json") && !f.equals("package.json") && !f.startsWith(".")).toList();
	}

	private static Resource read(String folder, String file) throws IOException {
		try (InputStream in = npm.load(folder, file)) {
			return (Resource) R4.newJsonParser().parseResource(in);
		}
	}
}
