package io.producergateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.smallrye.mutiny.infrastructure.CallbackDecorator;

/**
 * The package layering, stated so that an upward import or a cycle fails the build. An event travels down:
 * {@code ingest -> security -> problem -> schema -> pipeline -> observability -> partitioning / delivery}, over the
 * vocabulary ({@code event}) and the configuration ({@code config}), which import nothing of ours.
 */
class ArchitectureTest {

    private static final String BASE = "io.producergateway";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void importsPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("ingest").definedBy(BASE + ".ingest..")
                .layer("security").definedBy(BASE + ".security..")
                .layer("problem").definedBy(BASE + ".problem..")
                .layer("schema").definedBy(BASE + ".schema..")
                .layer("pipeline").definedBy(BASE + ".pipeline..")
                .layer("observability").definedBy(BASE + ".observability..")
                .layer("partitioning").definedBy(BASE + ".partitioning..")
                .layer("delivery").definedBy(BASE + ".delivery..")
                .layer("event").definedBy(BASE + ".event..")
                .layer("config").definedBy(BASE + ".config..")
                .whereLayer("ingest").mayNotBeAccessedByAnyLayer()
                .whereLayer("security").mayOnlyBeAccessedByLayers("ingest")
                .whereLayer("problem").mayOnlyBeAccessedByLayers("ingest", "security")
                .whereLayer("schema").mayOnlyBeAccessedByLayers("ingest")
                .whereLayer("pipeline").mayOnlyBeAccessedByLayers("ingest")
                .whereLayer("observability").mayOnlyBeAccessedByLayers("ingest", "security", "problem", "schema",
                        "pipeline")
                .whereLayer("partitioning").mayOnlyBeAccessedByLayers("pipeline")
                .whereLayer("delivery").mayOnlyBeAccessedByLayers("pipeline", "observability")
                .whereLayer("event").mayOnlyBeAccessedByLayers("ingest", "security", "problem", "schema", "pipeline",
                        "observability", "partitioning", "delivery")
                .check(MAIN);
    }

    @Test
    void theVocabularyAndTheConfigurationImportNothingOfOurs() {
        noClasses().that().resideInAPackage(BASE + ".event..").should().dependOnClassesThat()
                .resideInAnyPackage(BASE + ".ingest..", BASE + ".security..", BASE + ".problem..",
                        BASE + ".pipeline..", BASE + ".observability..", BASE + ".partitioning..",
                        BASE + ".delivery..", BASE + ".config..")
                .check(MAIN);
        noClasses().that().resideInAPackage(BASE + ".config..").should().dependOnClassesThat()
                .resideInAnyPackage(BASE + ".ingest..", BASE + ".security..", BASE + ".problem..",
                        BASE + ".pipeline..", BASE + ".observability..", BASE + ".partitioning..",
                        BASE + ".delivery..", BASE + ".event..")
                .check(MAIN);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(MAIN);
        slices().matching(BASE + ".ingest.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theSharedReadersDoNotReachIntoTheApis() {
        noClasses().that().resideInAPackage(BASE + ".ingest").should().dependOnClassesThat()
                .resideInAnyPackage(BASE + ".ingest.*..")
                .check(MAIN);
    }

    @Test
    void noMainClassIsOver300Lines() throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            List<String> long_ = sources.filter(p -> p.toString().endsWith(".java")).filter(p -> lines(p) > 300)
                    .map(p -> p + " (" + lines(p) + " lines)").toList();
            assertEquals(List.of(), long_, "split these classes");
        }
    }

    /**
     * The build leaves out Mutiny's context propagation (pom.xml): it wrapped every callback of every Uni, 12-14% of
     * the CPU per event, and nothing reads a thread context in a callback. A dependency that brought it back would
     * put that cost back, and no other test would notice.
     */
    @Test
    void mutinyDecoratesNoCallback() {
        List<String> decorators = ServiceLoader.load(CallbackDecorator.class).stream()
                .map(provider -> provider.type().getName()).toList();
        assertEquals(List.of(), decorators, "exclude their artifact in pom.xml (docs/performance.md)");
    }

    private static long lines(Path source) {
        try (Stream<String> lines = Files.lines(source)) {
            return lines.count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
