package dev.portwatch.cli;

import dev.portwatch.testing.Children;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the real entry point in a fresh JVM with no display, the way scripts and CI run it. */
class HeadlessCliTest {

    private record Run(int exitCode, String stdout) {
    }

    private static Run runMain(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Children.javaExecutable(), "-verbose:class",
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "dev.portwatch.Main"));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("DISPLAY");
        builder.environment().remove("WAYLAND_DISPLAY");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void listRunsWithoutDisplayAndLoadsNoJavaFxClass() throws Exception {
        Run run = runMain("list", "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout()).contains("\"protocol\"");
        assertThat(run.stdout().lines().filter(l -> l.startsWith("[") && l.contains("class,load")))
                .isNotEmpty()
                .noneMatch(l -> l.contains(" javafx.") || l.contains(" com.sun.javafx.")
                        || l.contains(" org.controlsfx."));
    }

    @Test
    void versionPrintsTheBuildsProjectVersion() throws Exception {
        String expected = System.getProperty("portwatch.expectedVersion");
        assertThat(expected).as("surefire passes ${project.version}").isNotBlank();

        Run run = runMain("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.stdout().lines().filter(l -> !l.startsWith("[")))
                .containsExactly("portwatch " + expected);
    }

    @Test
    void noArgumentOpensTheWindowWithoutBuildingTheCommandLineAndSaysInOneLineWhyItCannot() throws Exception {
        Run run = runMain();

        // As through picocli's handler: one line, exit 1. picocli is skipped: it costs a quarter of the start.
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.stdout().lines().filter(l -> l.startsWith("portwatch:")))
                .containsExactly("portwatch: Unable to open DISPLAY");
        // No stack trace (the class-loading log names exception classes, so only its lines are left out).
        assertThat(run.stdout().lines().filter(l -> !l.startsWith("[")))
                .noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Exception in thread"));
        assertThat(run.stdout().lines().filter(l -> l.startsWith("[") && l.contains("class,load")))
                .anyMatch(l -> l.contains(" dev.portwatch.ui.PortwatchApp "))
                .noneMatch(l -> l.contains(" picocli."));
    }

    @Test
    void usageErrorExitsTwo() throws Exception {
        assertThat(runMain("list", "--nope").exitCode()).isEqualTo(2);
        assertThat(runMain("no-such-command").exitCode()).isEqualTo(2);
    }
}
