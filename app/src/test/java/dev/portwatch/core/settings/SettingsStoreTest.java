package dev.portwatch.core.settings;

import dev.portwatch.model.PortRange;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.WatchRule;
import dev.portwatch.testing.Children;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsStoreTest {

    @TempDir
    Path dir;

    private static Settings sample() {
        return new Settings(List.of(
                new WatchRule(PortRange.of(62893), "my API", "java", Set.of(Protocol.TCP)),
                new WatchRule(new PortRange(3000, 3010), "", "", Set.of(Protocol.TCP, Protocol.UDP))),
                "node", Duration.ofMillis(2500), 1000, 600,
                List.of(new ColumnLayout("pid", 90, true), new ColumnLayout("port", 70, false)), true,
                new DesktopPrefs(ThemeChoice.DARK, true),
                List.of(new SavedHost("dev@dev-vm", List.of(WatchRule.tcp(PortRange.of(5432)))),
                        new SavedHost("ssh://ci@runner:2222", List.of())));
    }

    @Test
    void roundTripsEveryField() throws SettingsException {
        var store = new SettingsStore(dir.resolve("nested/portwatch"));

        store.save(sample());
        SettingsStore.Loaded loaded = store.load();

        assertThat(loaded.settings()).isEqualTo(sample());
        assertThat(loaded.problem()).isEmpty();
    }

    @Test
    void writesJsonAPersonCanRead() throws Exception {
        var store = new SettingsStore(dir);
        store.save(sample());

        String text = Files.readString(store.file());
        assertThat(text).contains("\"ports\" : \"3000-3010\"", "\"protocols\" : [ \"tcp\", \"udp\" ]",
                "\"label\" : \"my API\"", "\"theme\" : \"dark\"", "\"keepInTray\" : true", "\n");
        try (var files = Files.list(dir)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(SettingsStore.FILE_NAME);
        }
    }

    @Test
    void settingsThisVersionDoesNotKnowAreWrittenBackAsTheyWere() throws Exception {
        var store = new SettingsStore(dir);
        Files.writeString(store.file(), "{ \"theme\": \"dark\", \"desktop\": { \"theme\": \"light\" },\n"
                + "  \"fromANewerVersion\": [1, \"two\", null] }");

        SettingsStore.Loaded loaded = store.load();
        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.settings().desktop().theme()).isEqualTo(ThemeChoice.DARK);
        store.save(loaded.settings().withDesktop(loaded.settings().desktop().withTheme(ThemeChoice.LIGHT)));

        String text = Files.readString(store.file());
        assertThat(text).contains("\"theme\" : \"light\"", "\"desktop\" : {",
                "\"fromANewerVersion\" : [ 1, \"two\", null ]");
        assertThat(store.load().settings().desktop().theme()).isEqualTo(ThemeChoice.LIGHT);
    }

    @Test
    void noFileGivesDefaultsWithPortWatchedAndNoMessage() {
        SettingsStore.Loaded loaded = new SettingsStore(dir).load();

        assertThat(loaded.settings()).isEqualTo(Settings.defaults());
        assertThat(loaded.settings().watchRules()).containsExactly(WatchRule.tcp(PortRange.of(62893)));
        assertThat(loaded.problem()).isEmpty();
    }

    @Test
    void corruptFileIsKeptAsBakAndDefaultsAreUsedWithOneMessage() throws IOException {
        var store = new SettingsStore(dir);
        Files.writeString(store.file(), "{ \"watch\": [ {\"ports\": \"62");

        SettingsStore.Loaded loaded = store.load();

        assertThat(loaded.settings()).isEqualTo(Settings.defaults());
        assertThat(loaded.problem()).hasValueSatisfying(m -> assertThat(m)
                .contains("is not valid JSON", "It was kept as " + dir.resolve(SettingsStore.FILE_NAME + "."),
                        "default settings"));
        assertThat(backups()).singleElement()
                .satisfies(b -> assertThat(b).hasContent("{ \"watch\": [ {\"ports\": \"62"));
        assertThat(store.file()).doesNotExist();
        assertThat(store.load().problem()).as("said once: the next start is clean").isEmpty();
    }

    @Test
    void invalidValueCountsAsCorrupt() throws IOException {
        var store = new SettingsStore(dir);
        Files.writeString(store.file(), "{ \"watch\": [ {\"ports\": \"70000\"} ] }");

        SettingsStore.Loaded loaded = store.load();

        assertThat(loaded.problem()).hasValueSatisfying(m -> assertThat(m).contains("invalid value", "70000"));
        assertThat(backups()).hasSize(1);
    }

    /** Nulls a person may write are refused as bad values while reading; no NullPointerException is caught. */
    @Test
    void nullsInListsAndAHostWithoutDestinationCountAsCorrupt() throws IOException {
        var store = new SettingsStore(dir);
        for (String content : List.of("{ \"watch\": [ null ] }",
                "{ \"watch\": [ {\"ports\": \"80\", \"protocols\": [null]} ] }",
                "{ \"columns\": [ null ] }", "{ \"hosts\": [ {\"watch\": []} ] }")) {
            Files.writeString(store.file(), content);

            SettingsStore.Loaded loaded = store.load();

            assertThat(loaded.problem()).as(content).hasValueSatisfying(m -> assertThat(m).contains("invalid value"));
            assertThat(loaded.settings()).isEqualTo(Settings.defaults());
        }
        assertThat(backups()).hasSize(4);
    }

    /** Issue 9, finding 7: a second corruption keeps its own backup; the first is never overwritten. */
    @Test
    void eachCorruptionKeepsItsOwnBackup() throws IOException {
        var store = new SettingsStore(dir);
        Files.writeString(store.file(), "first {");
        assertThat(store.load().problem()).isPresent();
        Files.writeString(store.file(), "second [");
        assertThat(store.load().problem()).isPresent();
        Files.writeString(store.file(), "third");
        assertThat(store.load().problem()).isPresent();

        assertThat(backups()).hasSize(3).allSatisfy(b -> assertThat(b.getFileName().toString())
                .startsWith(SettingsStore.FILE_NAME + ".").endsWith(SettingsStore.BACKUP_SUFFIX));
        assertThat(backups().stream().map(b -> {
            try {
                return Files.readString(b);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        })).containsExactlyInAnyOrder("first {", "second [", "third");
    }

    /** Issue 9, finding 7: a FIFO is refused at once (reading it would block), left in place, never saved over. */
    @Test
    void aFifoIsRefusedAtOnceAndLeftAlone() throws Exception {
        var store = new SettingsStore(dir);
        Process mkfifo = new ProcessBuilder("mkfifo", store.file().toString()).start();
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is needed");

        SettingsStore.Loaded loaded = Assertions.assertTimeoutPreemptively(
                Duration.ofSeconds(5), store::load);

        assertThat(loaded.settings()).isEqualTo(Settings.defaults());
        assertThat(loaded.problem()).hasValueSatisfying(m -> assertThat(m)
                .contains("is not a regular file (a FIFO").contains("left as it is"));
        assertThat(Files.isRegularFile(store.file())).isFalse();
        assertThat(Files.exists(store.file())).isTrue();
        assertThat(backups()).isEmpty();
        assertThatThrownBy(() -> store.save(sample())).isInstanceOf(SettingsException.class)
                .hasMessageContaining("does not overwrite a file it could not read");
        assertThat(Files.isRegularFile(store.file())).isFalse();
    }

    private List<Path> backups() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SettingsStore.BACKUP_SUFFIX)).sorted()
                    .toList();
        }
    }

    @Test
    void missingFieldsTakeDefaultsAndUnknownFieldsAreIgnored() throws IOException {
        var store = new SettingsStore(dir);
        Files.writeString(store.file(), "{ \"filterText\": \"vite\", \"fromTheFuture\": 1 }");

        SettingsStore.Loaded loaded = store.load();

        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.settings()).isEqualTo(Settings.defaults().withView("vite", Duration.ofSeconds(1), 1360, 840,
                List.of()));
    }

    @Test
    void unwritableDirectoryFailsWithASentenceAndLeavesTheOldFile() throws Exception {
        var store = new SettingsStore(dir);
        store.save(Settings.defaults());
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "x");

        assertThatThrownBy(() -> new SettingsStore(blocker).save(sample()))
                .isInstanceOf(SettingsException.class).hasMessageContaining("Could not save settings");
        assertThat(store.load().settings()).isEqualTo(Settings.defaults());
    }

    /**
     * A real interrupted write: a child JVM saves one settings file, then starts saving another and is killed
     * (SIGKILL, by its pid) when half of it is written. The first file must still be there, whole.
     */
    @Test
    void killedWriterNeverLeavesAHalfWrittenFile() throws Exception {
        var store = new SettingsStore(dir);
        try (var children = new Children()) {
            Process writer = new ProcessBuilder(Children.javaExecutable(), "-Xmx64m", "-cp",
                    System.getProperty("java.class.path"), SettingsWriterChild.class.getName(), dir.toString())
                    .redirectErrorStream(true).start();
            children.adopt(writer);
            var out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("SAVED");
            assertThat(out.readLine()).isEqualTo("HALFWAY");
            writer.destroyForcibly();
            assertThat(writer.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }

        SettingsStore.Loaded loaded = store.load();
        assertThat(loaded.problem()).isEmpty();
        assertThat(loaded.settings()).isEqualTo(SettingsWriterChild.big(0));
    }

    /** Runs in a child JVM: saves one settings file, then blocks halfway through saving a second one. */
    public static final class SettingsWriterChild {

        static Settings big(int variant) {
            List<WatchRule> rules = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                rules.add(new WatchRule(PortRange.of(10 + i * 20 + variant), "entry " + i, "owner-" + variant,
                        Set.of(Protocol.TCP)));
            }
            return Settings.defaults().withWatchRules(rules);
        }

        /** Saves into the directory given as the first argument, then waits to be killed mid-write. */
        public static void main(String[] args) throws Exception {
            new SettingsStore(Path.of(args[0])).save(big(0));
            System.out.println("SAVED");
            System.out.flush();
            var halfway = new CountDownLatch(1);
            new SettingsStore(Path.of(args[0]), () -> {
                System.out.println("HALFWAY");
                System.out.flush();
                try {
                    halfway.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).save(big(1));
        }
    }
}
