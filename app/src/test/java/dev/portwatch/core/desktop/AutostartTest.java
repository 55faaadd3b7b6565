package dev.portwatch.core.desktop;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AutostartTest {

    @TempDir
    Path config;

    private Autostart autostart() {
        return new Autostart(Autostart.userDirectory(Map.of("XDG_CONFIG_HOME", config.toString()), "/nonexistent"),
                List.of("/opt/portwatch/bin/portwatch"));
    }

    private List<String> filesIn(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void enableWritesTheEntryUnderXdgConfigHomeAndDisableRemovesIt() throws Exception {
        Autostart autostart = autostart();
        Path file = config.resolve("autostart/portwatch.desktop");
        assertThat(autostart.file()).isEqualTo(file);
        assertThat(autostart.isEnabled()).isFalse();

        autostart.enable();

        assertThat(file).exists();
        assertThat(Files.readString(file)).startsWith("[Desktop Entry]\n")
                .contains("Type=Application\n", "Exec=/opt/portwatch/bin/portwatch\n", Autostart.MARKER);
        assertThat(autostart.state()).isEqualTo(Autostart.State.OURS);
        // Atomic: no temporary file is left beside it.
        assertThat(filesIn(file.getParent())).containsExactly("portwatch.desktop");

        autostart.enable();
        assertThat(autostart.isEnabled()).isTrue();

        autostart.disable();
        assertThat(file).doesNotExist();
        assertThat(filesIn(file.getParent())).isEmpty();
        autostart.disable();
        assertThat(autostart.isEnabled()).isFalse();
    }

    @Test
    void aUsersOwnEntryIsNeverOverwrittenNorRemovedAndTheMessageSaysSo() throws Exception {
        Autostart autostart = autostart();
        Files.createDirectories(autostart.file().getParent());
        String mine = "[Desktop Entry]\nType=Application\nName=portwatch\n"
                + "Exec=/home/me/bin/my-portwatch --watch 8080\n";
        Files.writeString(autostart.file(), mine);

        assertThat(autostart.state()).isEqualTo(Autostart.State.FOREIGN);
        assertThatThrownBy(autostart::enable).isInstanceOf(AutostartException.class)
                .hasMessageContaining(autostart.file().toString()).hasMessageContaining("left as it is");
        assertThatThrownBy(autostart::disable).isInstanceOf(AutostartException.class)
                .hasMessageContaining("not written by portwatch").hasMessageContaining("left as it is");

        assertThat(Files.readString(autostart.file(), StandardCharsets.UTF_8)).isEqualTo(mine);
    }

    @Test
    void anEntryEditedSinceportwatchWroteItIsKept() throws Exception {
        Autostart autostart = autostart();
        autostart.enable();
        String edited = Files.readString(autostart.file()).replace("Exec=/opt/portwatch/bin/portwatch",
                "Exec=/opt/portwatch/bin/portwatch --watch 3000");
        Files.writeString(autostart.file(), edited);

        assertThat(autostart.state()).isEqualTo(Autostart.State.OURS_CHANGED);
        assertThatThrownBy(autostart::disable).hasMessageContaining("changed since portwatch wrote it");
        assertThat(Files.readString(autostart.file())).isEqualTo(edited);
    }

    @Test
    void anAutostartPathThatIsNoDirectoryFailsWithASentenceAndChangesNothing() throws Exception {
        Path file = config.resolve("autostart");
        Files.writeString(file, "not a directory");
        var autostart = new Autostart(file, List.of("portwatch"));

        assertThatThrownBy(autostart::enable).isInstanceOf(AutostartException.class)
                .hasMessageStartingWith("Could not").hasMessageContaining(file.toString()).hasMessageEndingWith(".")
                .hasMessageNotContaining("Exception");
        assertThat(Files.readString(file)).isEqualTo("not a directory");
    }

    @Test
    void relativeXdgConfigHomeIsIgnoredAsTheSpecSays() {
        assertThat(Autostart.userDirectory(Map.of("XDG_CONFIG_HOME", "relative/dir"), "/home/me"))
                .isEqualTo(Path.of("/home/me/.config/autostart"));
        assertThat(Autostart.userDirectory(Map.of(), "/home/me")).isEqualTo(Path.of("/home/me/.config/autostart"));
    }

    @Test
    void execQuotesHostileArgumentsSoTheyRunAsTheyAre() throws Exception {
        assertThat(DesktopEntries.exec(List.of("/usr/bin/java", "-Xmx128m", "-XX:MaxHeapFreeRatio=30", "-jar",
                "/home/me/my apps/portwatch.jar"))).isEqualTo(
                "/usr/bin/java -Xmx128m -XX:MaxHeapFreeRatio=30 -jar \"/home/me/my apps/portwatch.jar\"");
        // $, ` and " are backslash-escaped inside quotes; then every backslash is doubled by the string escape.
        assertThat(DesktopEntries.exec(List.of("/x/$HOME`id`\"q\".jar"))).isEqualTo(
                "\"/x/\\\\$HOME\\\\`id\\\\`\\\\\"q\\\\\".jar\"");
        assertThat(DesktopEntries.exec(List.of("/x/100%.jar"))).isEqualTo("/x/100%%.jar");
        assertThat(DesktopEntries.exec(List.of("a", ""))).isEqualTo("a \"\"");
        assertThatThrownBy(() -> DesktopEntries.exec(List.of("/x/evil\nExec=rm -rf ~")))
                .isInstanceOf(AutostartException.class).hasMessageContaining("line break");
    }

    @Test
    void theEntryPassesTheReferenceValidatorEvenForAnAwkwardCommand() throws Exception {
        var autostart = new Autostart(config.resolve("autostart"), List.of("/opt/my apps/java", "-Xmx128m",
                "-Dnote=$HOME `id` \"q\" 100%", "-jar", "/home/me/port watch/portwatch.jar"));
        autostart.enable();

        Process validate = new ProcessBuilder("desktop-file-validate", autostart.file().toString())
                .redirectErrorStream(true).start();
        String output = new String(validate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(validate.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("desktop-file-validate says").doesNotContain("error");
        assertThat(validate.exitValue()).as(output).isZero();
        assertThat(Files.readString(autostart.file())).contains(
                "Exec=\"/opt/my apps/java\" -Xmx128m \"-Dnote=\\\\$HOME \\\\`id\\\\` \\\\\"q\\\\\" 100%%\" -jar "
                        + "\"/home/me/port watch/portwatch.jar\"\n");
    }
}
