package dev.portwatch.core.helper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.Children.Child;
import dev.portwatch.testing.Commands;
import dev.portwatch.testing.OtherUser;
import dev.portwatch.testing.PolkitSetup;
import dev.portwatch.testing.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The desktop's elevation path for real: pkexec, asking a running polkitd over the system D-Bus, with portwatch's
 * shipped polkit policy and a test-only rule that grants the action to the normal user {@link TestUser} without a
 * password ({@link PolkitSetup}, removed afterwards). Elevation prefers pkexec over sudo once the policy and the
 * helper launcher are installed, so {@code --elevate} goes through it; no sudo rule exists during this test.
 */
class PkexecEndToEndTest {

    private static PolkitSetup polkit;
    private static int userUid;

    private final Children children = new Children();

    @BeforeAll
    static void installPolkit() throws Exception {
        assumeTrue(PolkitSetup.available(), "needs root, pkexec, polkitd and dbus-daemon (.ci/run installs them)");
        assumeFalse(PolkitSetup.packageFilesPresent(), "portwatch's package is installed; its files are left alone");
        userUid = TestUser.ensure();
        polkit = PolkitSetup.install();
    }

    @AfterAll
    static void removePolkit() throws Exception {
        if (polkit != null) {
            polkit.close();
        }
    }

    @AfterEach
    void cleanUp() {
        children.close();
    }


    @Test
    void aNormalUserSeesAndStopsRootsServerThroughPkexec() throws Exception {
        Child rootServer = children.startServer();

        Commands.Result listed = TestUser.portwatch("list", "--json", "--elevate");
        Commands.Result killed = TestUser.portwatch("kill", String.valueOf(rootServer.port()), "--yes", "--elevate");

        JsonNode row = null;
        for (JsonNode candidate : new ObjectMapper().readTree(listed.stdout())) {
            if (candidate.get("port").asInt() == rootServer.port()) {
                row = candidate;
            }
        }
        assertThat(row).as(listed.stderr()).isNotNull();
        assertThat(row.get("pid").asLong()).isEqualTo(rootServer.pid());
        assertThat(row.get("ownerSource").asText()).isEqualTo("helper");
        assertThat(killed.exitCode()).as(killed.stdout() + killed.stderr()).isZero();
        assertThat(killed.stdout()).contains("privileged helper (pkexec)");
        // The OS afterwards: root's process is gone, and the helper logged the user as its caller.
        assertThat(Children.awaitExit(rootServer.pid(), Duration.ofSeconds(10))).isTrue();
        assertThat(Files.exists(Path.of("/proc", String.valueOf(rootServer.pid())))).isFalse();
        assertThat(Files.readString(HelperMain.AUDIT_LOG)).contains("caller uid " + userUid + ": stop-process pid "
                + rootServer.pid() + " port " + rootServer.port() + " timeout 5000 ms -> done");
    }

    @Test
    void aUserTheRuleDoesNotNameIsRefusedAndNothingIsStopped() throws Exception {
        Child rootServer = children.startServer();

        // nobody has no rule and no agent to type a password into: pkexec refuses, portwatch goes on unprivileged.
        var result = OtherUser.portwatch("kill", String.valueOf(rootServer.port()), "--yes",
                "--elevate");

        assertThat(result.exitCode()).as(result.out() + result.err()).isEqualTo(3);
        assertThat(result.err()).contains("Going on without elevated rights");
        assertThat(rootServer.process().isAlive()).isTrue();
    }
}
