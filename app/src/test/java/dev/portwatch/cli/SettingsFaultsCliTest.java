package dev.portwatch.cli;

import dev.portwatch.core.settings.SettingsStore;
import dev.portwatch.testing.OtherUser;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, finding 7: settings faults seen from the command line, run as a real normal user so that a permission
 * error is a real one: nothing is moved that could not be read, every fault is one sentence, no trace.
 */
class SettingsFaultsCliTest {

    @Test
    void anUnreadableFileIsNeverMovedAndStatusSaysWhyAndExitsTwo() throws Exception {
        OtherUser.assumeAvailable();
        Path home = OtherUser.sharedDirectory();
        Path settings = configFile(home, "{ \"watch\": [ { \"ports\": \"8080\" } ] }");
        // Root's file, in a folder the user may write to: moving it would be possible, and wrong.
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-------"));

        OtherUser.Result result = OtherUser.portwatch(home, "status");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains("could not be read (permission denied)").contains("left as it is")
                .contains("nothing was checked");
        assertNoTrace(result.err());
        assertThat(result.out()).isEmpty();
        assertThat(settings).hasContent("{ \"watch\": [ { \"ports\": \"8080\" } ] }");
        assertThat(otherFiles(settings.getParent())).isEmpty();
    }

    @Test
    void freePortSaysItMovedACorruptFileAsideWithoutATrace() throws Exception {
        OtherUser.assumeAvailable();
        Path home = OtherUser.sharedDirectory();
        Path settings = configFile(home, "{ \"watch\": [ {\"ports\": ");
        Files.setPosixFilePermissions(settings, PosixFilePermissions.fromString("rw-rw-rw-"));

        OtherUser.Result result = OtherUser.portwatch(home, "free-port", "--near", "20000");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.err()).contains("is not valid JSON").contains("It was kept as " + settings + ".");
        assertNoTrace(result.err());
        assertThat(settings).doesNotExist();
        assertThat(otherFiles(settings.getParent())).singleElement()
                .satisfies(backup -> assertThat(backup).hasContent("{ \"watch\": [ {\"ports\": "));
    }

    private static Path configFile(Path home, String content) throws Exception {
        Path dir = home.resolve("config").resolve("portwatch");
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(home.resolve("config"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path file = dir.resolve(SettingsStore.FILE_NAME);
        Files.writeString(file, content);
        return file;
    }

    private static List<Path> otherFiles(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(f -> !f.getFileName().toString().equals(SettingsStore.FILE_NAME)).toList();
        }
    }

    private static void assertNoTrace(String err) {
        assertThat(err).doesNotContain("Exception").doesNotContain("WARNING").doesNotContain("\tat ")
                .doesNotContain("com.fasterxml");
    }
}
