package dev.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portwatch.core.LaunchOptions;
import dev.portwatch.core.format.Json;
import dev.portwatch.core.settings.ConfigDirectory;
import dev.portwatch.core.settings.Settings;
import dev.portwatch.core.settings.SettingsStore;
import dev.portwatch.core.watch.WatchRealSocketsTest;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.WatchRule;
import dev.portwatch.os.Scanners;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.OsWiring;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code portwatch status} against real child servers: output, JSON shape and exit codes. */
class StatusCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = PortwatchCommand.commandLine(OsWiring.real(Scanners::create),
                options -> fail("the window must not open"));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void conflictExitsOneAndListsBothHoldersAsJson() throws Exception {
        assumeTrue(WatchRealSocketsTest.ipv6LoopbackAvailable(), "::1 cannot be bound on this machine");
        try (var children = new Children()) {
            var first = children.startServer("--bind", "127.0.0.1");
            var second = children.startServer("--bind", "::1", "--port", String.valueOf(first.port()));

            int code = run("status", "--watch", first.port() + ",1-3", "--json");

            assertThat(code).as(err.toString()).isEqualTo(StatusCommand.EXIT_CONFLICT);
            JsonNode entries = Json.mapper().readTree(out.toString());
            JsonNode port = entries.get(0);
            assertThat(port.get("port").asInt()).isEqualTo(first.port());
            assertThat(port.get("state").asText()).isEqualTo("CONFLICT");
            assertThat(port.get("exposed").asBoolean()).isFalse();
            assertThat(port.get("reasons").get(0).asText()).contains("2 processes hold " + first.port() + "/tcp");
            List<Long> pids = new ArrayList<>();
            port.get("holders").forEach(h -> pids.add(h.get("pid").asLong()));
            assertThat(pids).containsExactlyInAnyOrder(first.pid(), second.pid());
            assertThat(port.get("holders").get(0).get("protocol").asText()).isEqualTo("tcp");

            JsonNode range = entries.get(1);
            assertThat(range.has("port")).isFalse();
            assertThat(range.get("from").asInt()).isEqualTo(1);
            assertThat(range.get("to").asInt()).isEqualTo(3);
        }
    }

    @Test
    void inUseAndFreeExitZeroWithATable() throws Exception {
        try (var children = new Children()) {
            var server = children.startServer("--bind", "127.0.0.1");

            int code = run("status", "--watch", String.valueOf(server.port()), "--watch", "1");

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("STATE", server.port() + "/tcp", "IN_USE", "java/" + server.pid(),
                    "1/tcp", "FREE");
        }
    }

    @ParameterizedTest
    @CsvSource({"abc,'abc'", "70000,'70000'", "10-5,'10-5'", "1-5000,'1-5000'", "'80,80','80' duplicates",
        "'80,','80,' has an empty entry"})
    void badSpecExitsTwoNamingTheBadPart(String spec, String named) {
        int code = run("status", "--watch", spec);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("bad --watch", named);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void badWatchForTheWindowExitsTwoWithoutOpeningIt() {
        assertThat(run("--watch", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("'70000' is above 65535");
    }

    @Test
    void goodWatchForTheWindowReachesIt() {
        List<LaunchOptions> opened = new ArrayList<>();
        CommandLine commandLine = PortwatchCommand.commandLine(OsWiring.real(Scanners::create), opened::add);
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("--watch", "62893, 3000-3010")).as(err.toString()).isZero();
        assertThat(opened).singleElement().satisfies(o -> assertThat(o.watchSpecs())
                .containsExactly("62893, 3000-3010"));
        assertThat(run("--watch", "80,")).isEqualTo(2);
        assertThat(err.toString()).contains("'80,' has an empty entry");
    }

    /** Issue 9, finding 7: an unusable saved list is said, and exits 2, instead of checking the defaults. */
    @Test
    void anUnusableSavedListIsSaidAndExitsTwo(@TempDir Path config) throws Exception {
        String before = System.getProperty(ConfigDirectory.PROPERTY);
        System.setProperty(ConfigDirectory.PROPERTY, config.toString());
        try {
            Files.writeString(config.resolve(SettingsStore.FILE_NAME), "{ \"watch\": [ 1");

            int code = run("status");

            assertThat(code).isEqualTo(StatusCommand.EXIT_UNUSABLE_SETTINGS);
            assertThat(err.toString()).contains("is not valid JSON").contains("nothing was checked")
                    .contains("--watch");
            assertThat(out.toString()).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty(ConfigDirectory.PROPERTY);
            } else {
                System.setProperty(ConfigDirectory.PROPERTY, before);
            }
        }
    }

    @Test
    void withoutWatchItUsesTheSavedList(@TempDir Path config) throws Exception {
        String before = System.getProperty(ConfigDirectory.PROPERTY);
        System.setProperty(ConfigDirectory.PROPERTY, config.toString());
        try (var children = new Children()) {
            var server = children.startServer("--bind", "127.0.0.1");
            new SettingsStore(config).save(Settings.defaults().withWatchRules(List.of(
                    new WatchRule(PortRange.of(server.port()), "my API", "no-such-process", Set.of(
                            Protocol.TCP)))));

            int code = run("status", "--json");

            assertThat(code).isEqualTo(StatusCommand.EXIT_CONFLICT);
            JsonNode entry = Json.mapper().readTree(out.toString()).get(0);
            assertThat(entry.get("label").asText()).isEqualTo("my API");
            assertThat(entry.get("reasons").get(0).asText()).contains("expected 'no-such-process'");
        } finally {
            System.setProperty(ConfigDirectory.PROPERTY, before);
        }
    }

    /** The real entry point in a child JVM: exit code through System.exit, and not one JavaFX class loaded. */
    @Test
    void mainRunsStatusWithoutLoadingJavaFx() throws Exception {
        try (var children = new Children()) {
            var server = children.startServer("--bind", "127.0.0.1");
            Process main = new ProcessBuilder(Children.javaExecutable(), "-verbose:class",
                    "-Dportwatch.configDir=" + System.getProperty(ConfigDirectory.PROPERTY),
                    "-cp", System.getProperty("java.class.path"), "dev.portwatch.Main",
                    "status", "--watch", String.valueOf(server.port())).redirectErrorStream(true).start();
            children.adopt(main);
            String output = new String(main.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(main.waitFor(30, TimeUnit.SECONDS)).isTrue();

            assertThat(main.exitValue()).as(output).isZero();
            assertThat(output).contains("IN_USE").doesNotContain("javafx.");
        }
    }
}
