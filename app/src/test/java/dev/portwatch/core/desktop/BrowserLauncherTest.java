package dev.portwatch.core.desktop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The browser opener runs a real program and turns a missing or failing one into a sentence. */
class BrowserLauncherTest {

    @TempDir
    Path dir;

    @Test
    void aMissingOpenerIsOneSentence() {
        var launcher = new BrowserLauncher(List.of(dir.resolve("xdg-open").toString()));

        assertThatThrownBy(() -> launcher.open("http://127.0.0.1:8080/")).isInstanceOf(IOException.class)
                .hasMessage("No browser opener: '" + dir.resolve("xdg-open") + "' was not found (install xdg-utils). "
                        + "Copy the URL instead.");
    }

    @Test
    void aFailingOpenerSaysWhyAndASucceedingOneGetsTheUrl() throws Exception {
        Path seen = dir.resolve("seen");
        Path opener = script("opener", "echo \"$1\" > " + seen + "\nexit 0\n");
        new BrowserLauncher(List.of(opener.toString())).open("http://[::1]:3000/");
        assertThat(Files.readString(seen).strip()).isEqualTo("http://[::1]:3000/");

        // xdg-open exits 3 when it finds no browser.
        Path noBrowser = script("xdg-open", "exit 3\n");
        var launcher = new BrowserLauncher(List.of(noBrowser.toString()));
        assertThatThrownBy(() -> launcher.open("http://localhost:8080/")).isInstanceOf(IOException.class)
                .hasMessage(noBrowser + " could not open http://localhost:8080/ (exit 3: no browser was found). Copy "
                        + "the URL instead.");
    }

    private Path script(String name, String body) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }
}
