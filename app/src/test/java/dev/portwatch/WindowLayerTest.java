package dev.portwatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar layout WindowLayer recognises; check-package.sh opens the real window from the jar under Xvfb. */
class WindowLayerTest {

    @TempDir
    Path dir;

    @Test
    void theJarAndItsLibDirectorySplitIntoJavaFxAndTheRest() throws Exception {
        Path jar = Files.createFile(dir.resolve("portwatch.jar"));
        Path lib = Files.createDirectory(dir.resolve("lib"));
        Path graphics = Files.createFile(lib.resolve("javafx-graphics-21.0.8-linux.jar"));
        Path base = Files.createFile(lib.resolve("javafx-base-21.0.8-linux.jar"));
        Path picocli = Files.createFile(lib.resolve("picocli-4.7.7.jar"));
        Files.createFile(lib.resolve("notes.txt"));

        var jars = WindowLayer.jarLayout(jar).orElseThrow();

        assertThat(jars.javafx()).containsExactly(base, graphics);
        assertThat(jars.app()).containsExactly(jar, picocli);
    }

    @Test
    void classesDirectoriesAndLayoutsWithoutJavaFxAreLeftAlone() throws Exception {
        Path classes = Files.createDirectory(dir.resolve("classes"));
        Files.createDirectory(dir.resolve("lib"));
        assertThat(WindowLayer.jarLayout(classes)).isEmpty();

        Path jar = Files.createFile(dir.resolve("portwatch.jar"));
        Files.createFile(dir.resolve("lib/picocli-4.7.7.jar"));
        assertThat(WindowLayer.jarLayout(jar)).isEmpty();
    }
}
