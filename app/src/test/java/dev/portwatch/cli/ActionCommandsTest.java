package dev.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.format.Json;
import dev.portwatch.core.settings.ConfigDirectory;
import dev.portwatch.core.settings.Settings;
import dev.portwatch.core.settings.SettingsStore;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.WatchRule;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.Children.Child;
import dev.portwatch.testing.ForkingServer;
import dev.portwatch.testing.OsWiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs {@code kill}, {@code rebind} and {@code free-port} in-process against real child servers. */
class ActionCommandsTest {

    private static final SocketScanner SCANNER = Scanners.create();

    private final Children children = new Children();
    private final List<Long> rebound = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void cleanUp() {
        rebound.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        children.close();
    }

    @Test
    void killByPortFreesItAndExitsZero() throws Exception {
        Child child = children.startServer();

        int code = run("kill", String.valueOf(child.port()), "--yes");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("pid " + child.pid()).contains(child.port() + " is free now. Waited ");
        assertThat(Children.awaitExit(child.pid(), Duration.ofSeconds(5))).isTrue();
        assertThat(KillService.listenersOn(SCANNER.scan(), child.port())).isEmpty();
    }

    @Test
    void killWithoutYesRefusesWithoutATerminalAndChangesNothing() throws Exception {
        Child child = children.startServer();

        int code = run("kill", String.valueOf(child.port()));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("not a terminal").contains("--yes");
        assertThat(child.process().isAlive()).isTrue();
        assertThat(KillService.holders(SCANNER.scan(), child.port())).extracting(ProcessInfo::pid)
                .contains((int) child.pid());
    }

    @Test
    void killRefusesPortwatchItselfAndPidOneWithExitTwo() {
        int code = run("kill", "--pid", String.valueOf(ProcessHandle.current().pid()), "--yes");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("portwatch itself");
        assertThat(run("kill", "--pid", "1", "--yes")).isEqualTo(2);
        assertThat(err.toString()).contains("never stops pid 1");
        assertThat(ProcessHandle.of(1).map(ProcessHandle::isAlive)).contains(true);
    }

    /** Issue 9, finding 5: kill stops every process holding the socket, and names each before. */
    @Test
    void killStopsEveryProcessSharingTheSocketAfterFork() throws Exception {
        Assumptions.assumeTrue(ForkingServer.available(), "needs python3 to fork");
        try (var server = ForkingServer.start()) {
            long child = server.share();

            int code = run("kill", String.valueOf(server.port()), "--yes");

            assertThat(code).as(out + "\n" + err).isZero();
            assertThat(out.toString()).contains("pid " + server.pid()).contains("pid " + child)
                    .contains(server.port() + " is free now.").doesNotContain("still held");
            assertThat(ForkingServer.exited(server.pid())).isTrue();
            assertThat(ForkingServer.exited(child)).isTrue();
            assertThat(KillService.listenersOn(SCANNER.scan(), server.port())).isEmpty();
        }
    }

    @Test
    void killReadsPortsWithTheGrammarOfWatch() throws Exception {
        Child first = children.startServer();
        Child second = children.startServer();

        assertThat(run("kill", first.port() + ",", "--yes")).isEqualTo(2);
        assertThat(err.toString()).contains("'" + first.port() + ",' has an empty entry");
        assertThat(first.process().isAlive()).isTrue();

        int code = run("kill", " " + first.port() + ", " + second.port(), "--yes");

        assertThat(code).as(err.toString()).isZero();
        assertThat(Children.awaitExit(first.pid(), Duration.ofSeconds(5))).isTrue();
        assertThat(Children.awaitExit(second.pid(), Duration.ofSeconds(5))).isTrue();
        var snapshot = SCANNER.scan();
        assertThat(KillService.listenersOn(snapshot, first.port())).isEmpty();
        assertThat(KillService.listenersOn(snapshot, second.port())).isEmpty();
    }

    @Test
    void killOfAFreePortExitsOne() throws Exception {
        int free;
        try (var probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            free = probe.getLocalPort();
        }

        assertThat(run("kill", String.valueOf(free), "--yes")).isEqualTo(1);
        assertThat(err.toString()).contains("nothing holds " + free);
    }

    @Test
    void killUsageErrorsExitTwo() {
        assertThat(run("kill", "70000", "--yes")).isEqualTo(2);
        assertThat(run("kill", "--yes")).isEqualTo(2);
        assertThat(run("kill", "3000", "--pid", "42", "--yes")).isEqualTo(2);
        assertThat(run("kill", "3000", "--timeout", "0", "--yes")).isEqualTo(2);
        assertThat(err.toString()).contains("above 65535").contains("either a PORT or --pid");
    }

    @Test
    void rebindMovesTheServerAndPrintsJson() throws Exception {
        int p = Children.freeLoopbackPort();
        Child child = children.startServer("--port", String.valueOf(p));

        int code = run("rebind", String.valueOf(p), "--yes", "--json");
        JsonNode result = Json.mapper().readTree(out.toString());
        if (result.hasNonNull("newPid")) {
            rebound.add(result.get("newPid").asLong());
        }

        assertThat(code).as(err + out.toString()).isZero();
        assertThat(result.get("success").asBoolean()).isTrue();
        // The plan (on stderr with --json) and the result say who the new process runs as: the holder's user.
        assertThat(err.toString()).contains("  runs as:   " + System.getProperty("user.name") + " (uid ");
        assertThat(result.get("runsAs").asText()).startsWith(System.getProperty("user.name") + " (uid ");
        int q = result.get("newPort").asInt();
        assertThat(q).isGreaterThan(p);
        assertThat(result.get("oldPid").asLong()).isEqualTo(child.pid());
        assertThat(result.get("newCommand").toString()).contains("\"" + q + "\"");
        assertThat(Children.reaped(child.process())).isTrue();
        var snapshot = SCANNER.scan();
        assertThat(KillService.listenersOn(snapshot, p)).isEmpty();
        assertThat(KillService.holders(snapshot, q)).extracting(ProcessInfo::pid)
                .containsExactly(result.get("newPid").asInt());
    }

    @Test
    void rebindOfAServerWithoutThePortInItsCommandReportsWhyAndKeepsIt() throws Exception {
        Child child = children.startServer();

        int code = run("rebind", String.valueOf(child.port()), "--yes");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("neither the command line nor the environment")
                .contains("A free port to configure by hand: ");
        assertThat(child.process().isAlive()).isTrue();
    }

    /** Issue 9, finding 7: rebind says so when it moves a corrupt settings file aside. */
    @Test
    void rebindSaysItMovedACorruptSettingsFileAside(@TempDir Path config)
            throws Exception {
        String before = System.getProperty(ConfigDirectory.PROPERTY);
        System.setProperty(ConfigDirectory.PROPERTY, config.toString());
        try {
            Files.writeString(config.resolve(SettingsStore.FILE_NAME), "not json");
            Child child = children.startServer();

            run("rebind", String.valueOf(child.port()), "--yes");

            assertThat(err.toString()).contains("The settings file " + config.resolve(SettingsStore.FILE_NAME)
                    + " is not valid JSON").contains("It was kept as ");
            assertThat(child.process().isAlive()).isTrue();
        } finally {
            if (before == null) {
                System.clearProperty(ConfigDirectory.PROPERTY);
            } else {
                System.setProperty(ConfigDirectory.PROPERTY, before);
            }
        }
    }

    @Test
    void freePortPrintsBindablePorts() throws Exception {
        int start = Children.freeLoopbackPort();

        int code = run("free-port", "--near", String.valueOf(start), "--count", "2");

        assertThat(code).isZero();
        List<Integer> ports = Arrays.stream(out.toString().strip().split("\\R")).map(Integer::parseInt).toList();
        assertThat(ports).hasSize(2).isSorted().allMatch(p -> p >= start);
        for (int port : ports) {
            try (var socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            }
        }
        assertThat(run("free-port", "--count", "0")).isEqualTo(2);
    }

    @Test
    void freePortAtTheTopSaysHowManyItFoundInTheSingular() throws Exception {
        Assumptions.assumeTrue(KillService.listenersOn(SCANNER.scan(), 65_535).isEmpty(),
                "65535 is taken on this machine");

        int code = run("free-port", "--near", "65535", "--count", "3");

        assertThat(code).isEqualTo(1);
        assertThat(out.toString().strip()).isEqualTo("65535");
        assertThat(err.toString()).contains("only 1 free port from 65535").doesNotContain("ports");
    }

    @Test
    void freePortNeverSuggestsAWatchedPort() throws Exception {
        int watched = Children.freeLoopbackPort();
        var store = SettingsStore.inUserConfig();
        store.save(Settings.defaults().withWatchRules(List.of(WatchRule.tcp(PortRange.of(watched)))));
        try {
            int code = run("free-port", "--near", String.valueOf(watched));

            assertThat(code).isZero();
            assertThat(Integer.parseInt(out.toString().strip())).isGreaterThan(watched);
        } finally {
            Files.deleteIfExists(store.file());
        }
    }

    private int run(String... args) {
        CommandLine commandLine = PortwatchCommand.commandLine(OsWiring.real(() -> SCANNER), options -> {
            throw new AssertionError("no window in CLI tests");
        });
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }
}
