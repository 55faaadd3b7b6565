package dev.portwatch.core.helper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.Children.Child;
import dev.portwatch.testing.Commands;
import dev.portwatch.testing.TestUser;
import dev.portwatch.testing.Unprivileged;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real elevation path: a normal user ({@link TestUser}) runs the portwatch CLI with {@code --elevate}; portwatch
 * starts its helper through {@code sudo}, allowed by a NOPASSWD rule for exactly the helper's command line that
 * this test installs as root and removes afterwards. Root's processes are what the user could not see or stop.
 */
class ElevationEndToEndTest {

    private static TestUser.SudoRule rule;
    private static int userUid;

    private final Children children = new Children();

    @BeforeAll
    static void installSudoRule() throws Exception {
        assumeTrue(Unprivileged.available(), "needs root and setpriv");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/sudo")), "needs sudo (.ci/run installs it)");
        userUid = TestUser.ensure();
        List<String> helper = new ArrayList<>(List.of(Children.javaExecutable(), "-cp",
                String.join(File.pathSeparator, List.of(Unprivileged.readableClassPath().split(File.pathSeparator))),
                "dev.portwatch.Main", "helper"));
        rule = TestUser.allowSudo(helper);
    }

    @AfterAll
    static void removeSudoRule() throws IOException {
        if (rule != null) {
            rule.close();
        }
    }

    @AfterEach
    void cleanUp() {
        children.close();
    }


    @Test
    void ownersHiddenFromTheUserAreRevealedThroughTheHelperAndMarked() throws Exception {
        Child rootServer = children.startServer();

        Commands.Result plain = TestUser.portwatch("list", "--json");
        Commands.Result elevated = TestUser.portwatch("list", "--json", "--elevate");

        assertThat(row(plain, rootServer.port()).get("pid").isNull()).as(plain.stderr()).isTrue();
        assertThat(row(plain, rootServer.port()).get("user").asText()).isEqualTo("root");
        JsonNode revealed = row(elevated, rootServer.port());
        assertThat(revealed.get("pid").asLong()).as(elevated.stderr()).isEqualTo(rootServer.pid());
        assertThat(revealed.get("ownerSource").asText()).isEqualTo("helper");
        assertThat(revealed.get("command").asText()).contains("ChildServer");
        assertThat(Files.readString(HelperMain.AUDIT_LOG)).contains("caller uid " + userUid + ": resolve-owners");
    }

    @Test
    void killOfRootsServerGoesThroughTheHelper() throws Exception {
        Child rootServer = children.startServer();

        Commands.Result refused = TestUser.portwatch("kill", String.valueOf(rootServer.port()), "--yes");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(rootServer.process().isAlive()).isTrue();

        Commands.Result killed = TestUser.portwatch("kill", String.valueOf(rootServer.port()), "--yes", "--elevate");

        assertThat(killed.exitCode()).as(killed.stdout() + killed.stderr()).isZero();
        assertThat(Children.awaitExit(rootServer.pid(), Duration.ofSeconds(10))).isTrue();
        assertThat(Commands.ssListening(rootServer.port())).isBlank();
        assertThat(Files.readString(HelperMain.AUDIT_LOG)).contains("caller uid " + userUid + ": stop-process pid "
                + rootServer.pid() + " port " + rootServer.port() + " timeout 5000 ms -> done");
    }

    @Test
    void windowKillOfARevealedRootServerAsksTheRealHelperThroughSudo() throws Exception {
        Child rootServer = children.startServer();
        List<String> probe = new ArrayList<>(List.of(Children.javaExecutable(), "-Xmx96m", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true", "-cp", Unprivileged.readableClassPath(),
                "dev.portwatch.ui.actions.WindowKillProbe", String.valueOf(rootServer.port())));

        Commands.Result window = Commands.run(TestUser.as(probe));

        assertThat(window.exitCode()).as(window.stdout() + window.stderr()).isZero();
        assertThat(window.stdout()).contains("row HELPER pid " + rootServer.pid())
                .contains("confirmKill " + rootServer.pid()).contains("inform INFO")
                .contains(rootServer.port() + " is free now");
        // The OS afterwards: the root process is gone, its port closed, and the helper logged the user's request.
        assertThat(Children.awaitExit(rootServer.pid(), Duration.ofSeconds(10))).isTrue();
        assertThat(Files.exists(Path.of("/proc", String.valueOf(rootServer.pid())))).isFalse();
        assertThat(Commands.ssListening(rootServer.port())).isBlank();
        assertThat(Files.readString(HelperMain.AUDIT_LOG)).contains("caller uid " + userUid + ": stop-process pid "
                + rootServer.pid() + " port " + rootServer.port() + " timeout 5000 ms -> done");
    }

    @Test
    void rebindOfRootsServerGoesThroughTheHelperAndStaysRoots() throws Exception {
        int oldPort = Children.freeLoopbackPort();
        Child rootServer = children.startServer("--port", String.valueOf(oldPort));
        int newPort = Children.freeLoopbackPort();

        Commands.Result refused = TestUser.portwatch("rebind", String.valueOf(oldPort), "--to",
                String.valueOf(newPort), "--yes");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("portwatch rebind " + oldPort + " --elevate");
        assertThat(rootServer.process().isAlive()).isTrue();

        Commands.Result moved = TestUser.portwatch("rebind", String.valueOf(oldPort), "--to",
                String.valueOf(newPort), "--yes", "--json", "--elevate");
        JsonNode result = new ObjectMapper().readTree(moved.stdout());
        long newPid = result.path("newPid").asLong();
        try {
            assertThat(moved.exitCode()).as(moved.stdout() + moved.stderr()).isZero();
            assertThat(result.get("success").asBoolean()).isTrue();
            assertThat(Children.awaitExit(rootServer.pid(), Duration.ofSeconds(10))).isTrue();
            assertThat(Commands.ssListening(newPort)).contains(":" + newPort);
            // Root's server restarted as root, its owner; the user never ran it.
            assertThat(Files.readString(Path.of("/proc", String.valueOf(newPid), "status")))
                    .containsPattern("(?m)^Uid:\\s+0\\s");
            assertThat(Files.readString(HelperMain.AUDIT_LOG)).contains("caller uid " + userUid
                    + ": move-holder pid " + rootServer.pid() + " port " + oldPort + " -> " + newPort + " -> done");
        } finally {
            // The moved server runs detached in its own session: the test started it, so it stops it, by pid.
            if (newPid > 0) {
                ProcessHandle.of(newPid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void closeOfRootsConnectionGoesThroughTheHelper() throws Exception {
        Child rootServer = children.startServer("--hold");
        try (var client = new Socket()) {
            client.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), rootServer.port()), 5_000);
            client.setSoTimeout(10_000);
            client.getOutputStream().write("hello\n".getBytes());
            assertThat(client.getInputStream().read()).isEqualTo('e');

            Commands.Result closed = TestUser.portwatch("close", String.valueOf(rootServer.port()), "--yes",
                    "--elevate");

            assertThat(closed.exitCode()).as(closed.stdout() + closed.stderr()).isZero();
            assertThatThrownBy(() -> {
                while (client.getInputStream().read() >= 0) {
                    // drain the rest of the echo until the reset arrives
                }
                throw new AssertionError("connection ended without a reset");
            }).isInstanceOf(SocketException.class).hasMessageContaining("reset");
            assertThat(Commands.ssListening(rootServer.port())).contains(":" + rootServer.port());
        }
    }

    private static JsonNode row(Commands.Result result, int port) throws Exception {
        for (JsonNode row : new ObjectMapper().readTree(result.stdout())) {
            if (row.get("port").asInt() == port && "tcp".equals(row.get("protocol").asText())) {
                return row;
            }
        }
        throw new AssertionError("no row for " + port + ": " + result.stderr());
    }
}
