package dev.portwatch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the package rules of STYLE.md true: OSHI only in os.oshi, JavaFX only in ui. */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/portwatch");

    private static List<Path> javaFilesUnder(String packagePath) throws IOException {
        Path root = SOURCES.resolve(packagePath);
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    private static boolean imports(Path file, String prefix) {
        try {
            return Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("import " + prefix)
                    || line.startsWith("import static " + prefix));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void sourcesAreWhereTheTestLooks() throws IOException {
        assertThat(javaFilesUnder("model")).isNotEmpty();
        assertThat(javaFilesUnder("os/oshi")).isNotEmpty();
    }

    @Test
    void onlyTheOshiPackageImportsOshi() throws IOException {
        assertThat(javaFilesUnder("")).filteredOn(f -> imports(f, "oshi."))
                .allMatch(f -> f.startsWith(SOURCES.resolve("os/oshi")), "lives in os/oshi");
    }

    @Test
    void modelServicesOsAndCliNeverImportJavaFx() throws IOException {
        for (String pkg : List.of("model", "core", "os", "cli")) {
            assertThat(javaFilesUnder(pkg)).as(pkg)
                    .noneMatch(f -> imports(f, "javafx.") || imports(f, "org.controlsfx"));
        }
        assertThat(imports(SOURCES.resolve("Main.java"), "javafx.")).isFalse();
    }

    @Test
    void viewModelsImportNoControls() throws IOException {
        assertThat(javaFilesUnder("ui/vm")).noneMatch(f -> imports(f, "javafx.scene."));
    }

    @Test
    void theModelKnowsNothingAboutTheLayersAboveIt() throws IOException {
        assertThat(javaFilesUnder("model")).noneMatch(f -> imports(f, "dev.portwatch.core")
                || imports(f, "dev.portwatch.os") || imports(f, "dev.portwatch.ui") || imports(f, "dev.portwatch.cli"));
    }
}
