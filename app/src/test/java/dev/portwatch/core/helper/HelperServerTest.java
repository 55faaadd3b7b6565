package dev.portwatch.core.helper;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.actions.RebindService;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.Children.Child;
import dev.portwatch.testing.Unprivileged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The helper as an adversary meets it: requests written as raw JSON lines into {@link HelperServer#serve}, against
 * real processes. Every refusal must leave the target running; the audit log names the caller's uid.
 */
class HelperServerTest {

    private static final int CALLER_UID = 4242;
    private static final long CALLER_PID = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(2L);

    private final SocketScanner scanner = Scanners.create();
    private final Children children = new Children();

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        children.close();
    }

    private HelperServer server() {
        var killer = new KillService(scanner, Scanners.processes());
        return new HelperServer(scanner, Scanners.connections(), killer, new RebindService(killer, dir),
                Set.of(ProcessHandle.current().pid(), CALLER_PID),
                new HelperServer.Caller(CALLER_UID, CALLER_PID), dir.resolve("audit.log"));
    }

    /** Sends the lines and returns the replies, one per line. */
    private List<JsonNode> exchange(String... lines) throws Exception {
        var in = new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        var out = new ByteArrayOutputStream();
        server().serve(in, out);
        List<JsonNode> replies = new ArrayList<>();
        var mapper = new ObjectMapper();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                replies.add(mapper.readTree(line));
            }
        }
        return replies;
    }

    private long started(Child child) throws Exception {
        return owner(child).startTime().orElseThrow().toEpochMilli();
    }

    private ProcessInfo owner(Child child) throws Exception {
        return KillService.holders(scanner.scan(), child.port()).stream()
                .filter(p -> p.pid() == child.pid()).findFirst().orElseThrow();
    }

    private static String stop(long pid, long started, int port) {
        return stop(pid, started, port, 5_000);
    }

    private static String stop(long pid, long started, int port, long timeoutMillis) {
        return "{\"type\":\"stop-process\",\"pid\":" + pid + ",\"started\":" + started + ",\"port\":" + port
                + ",\"force\":false,\"tree\":false,\"timeoutMillis\":" + timeoutMillis + "}";
    }

    @Test
    void helloChecksTheVersionAndSaysWhoItRunsAs() throws Exception {
        List<JsonNode> replies = exchange("{\"type\":\"hello\",\"version\":1}", "{\"type\":\"hello\",\"version\":2}");

        assertThat(replies.get(0).get("ok").asBoolean()).isTrue();
        assertThat(replies.get(0).get("version").asInt()).isEqualTo(1);
        assertThat(replies.get(0).get("uid").asInt()).isZero();
        assertThat(replies.get(1).get("ok").asBoolean()).isFalse();
        assertThat(replies.get(1).get("message").asText()).contains("version 2 is not supported");
    }

    @Test
    void malformedUnknownAndOverlongRequestsAreRefusedAndLogged() throws Exception {
        Child child = children.startServer();
        String padding = "x".repeat(HelperRequest.MAX_REQUEST_BYTES + 10);

        List<JsonNode> replies = exchange(
                "this is not json",
                "{\"type\":\"run-shell\",\"command\":\"rm -rf /\"}",
                "{\"type\":\"stop-process\",\"pid\":\"one\"}",
                "[]",
                "{\"type\":\"resolve-owners\",\"padding\":\"" + padding + "\"}",
                stop(child.pid(), started(child), child.port()));

        // Four refusals, then the oversized line ends the session before the valid stop is read.
        assertThat(replies).hasSize(5);
        assertThat(replies).allSatisfy(r -> assertThat(r.get("ok").asBoolean()).isFalse());
        assertThat(replies.get(1).get("message").asText()).contains("not a message of this protocol");
        assertThat(replies.get(4).get("message").asText()).contains("longer than " + HelperRequest.MAX_REQUEST_BYTES);
        assertThat(child.process().isAlive()).isTrue();
        String audit = Files.readString(dir.resolve("audit.log"));
        assertThat(audit).contains("caller uid " + CALLER_UID).contains("malformed request")
                .contains("oversized request; exiting");
    }

    @Test
    void guardsRefusePidOneItselfTheCallerAReusedPidAndAPidNotHoldingThePort() throws Exception {
        Child child = children.startServer();
        Child other = children.startServer();
        long started = started(child);
        long self = ProcessHandle.current().pid();

        List<JsonNode> replies = exchange(
                stop(1, 0, child.port()),
                stop(self, 0, child.port()),
                stop(CALLER_PID, 0, child.port()),
                stop(child.pid(), started + 1_000, child.port()),
                stop(child.pid(), started, other.port()),
                stop(child.pid(), started, 0),
                stop(-5, started, child.port()));

        assertThat(replies).extracting(r -> r.get("ok").asBoolean()).containsOnly(false);
        assertThat(replies.get(0).get("message").asText()).contains("pid 1");
        assertThat(replies.get(1).get("message").asText()).contains("the helper itself or the process that started");
        assertThat(replies.get(2).get("message").asText()).contains("the helper itself or the process that started");
        assertThat(replies.get(3).get("message").asText()).contains("start time differs");
        assertThat(replies.get(4).get("message").asText()).contains("does not hold port " + other.port());
        assertThat(replies.get(5).get("message").asText()).contains("between 1 and 65535");
        assertThat(replies.get(6).get("message").asText()).contains("must be positive");
        assertThat(child.process().isAlive()).isTrue();
        assertThat(other.process().isAlive()).isTrue();
    }

    @Test
    void aValidStopStopsTheRealProcessAndIsLoggedWithTheCallersUid() throws Exception {
        Child child = children.startServer();

        List<JsonNode> replies = exchange(stop(child.pid(), started(child), child.port()));

        assertThat(replies.get(0).get("ok").asBoolean()).as(replies.toString()).isTrue();
        assertThat(Children.awaitExit(child.pid(), Duration.ofSeconds(10))).isTrue();
        assertThat(Files.readString(dir.resolve("audit.log")))
                .contains("caller uid " + CALLER_UID + ": stop-process pid " + child.pid() + " port " + child.port()
                        + " timeout 5000 ms -> done");
    }

    @Test
    void aStopWaitsTheCallersTimeoutAndRefusesOneOutOfRange() throws Exception {
        Child stubborn = children.startServer("--ignore-term");
        long started = started(stubborn);

        List<JsonNode> replies = exchange(
                stop(stubborn.pid(), started, stubborn.port(), 0),
                stop(stubborn.pid(), started, stubborn.port(), 99),
                stop(stubborn.pid(), started, stubborn.port(), 600_001),
                stop(stubborn.pid(), started, stubborn.port(), -1),
                stop(stubborn.pid(), started, stubborn.port(), 300));

        for (JsonNode refused : replies.subList(0, 4)) {
            assertThat(refused.get("ok").asBoolean()).isFalse();
            assertThat(refused.get("message").asText())
                    .startsWith("the stop timeout must be between 100 and 600000 ms (0.1 s to 10 min), not ");
        }
        // SIGTERM is ignored: the helper waited the caller's 0.3 s, not a fixed 5 s, and says the process still runs.
        JsonNode waited = replies.get(4);
        assertThat(waited.get("exited").asBoolean()).as(waited.toString()).isFalse();
        assertThat(waited.get("message").asText()).contains("still running after 0.3 s");
        assertThat(stubborn.process().isAlive()).isTrue();
        assertThat(Files.readString(dir.resolve("audit.log"))).contains("timeout 300 ms -> ")
                .contains("timeout 0 ms -> refused");
    }

    private static String move(long pid, long started, int port, int newPort, String extra) {
        return "{\"type\":\"move-holder\",\"pid\":" + pid + ",\"started\":" + started + ",\"port\":" + port
                + ",\"newPort\":" + newPort + extra + "}";
    }

    @Test
    void aMoveAskingForAnotherProgramAReusedPidOrAPortItDoesNotHoldChangesNothing() throws Exception {
        Child child = children.startServer();
        Child other = children.startServer();
        long started = started(child);
        int newPort = Children.freeLoopbackPort();

        List<JsonNode> replies = exchange(
                move(child.pid(), started, child.port(), newPort, ",\"command\":[\"/bin/sh\",\"-c\",\"id\"]"),
                move(child.pid(), started, child.port(), newPort, ",\"program\":\"/tmp/evil\""),
                move(child.pid(), started, child.port(), newPort, ",\"argv\":[\"/usr/bin/id\"]"),
                move(child.pid(), started + 1_000, child.port(), newPort, ""),
                move(child.pid(), started, other.port(), newPort, ""),
                move(child.pid(), started, child.port(), child.port(), ""),
                move(1, 0, child.port(), newPort, ""),
                move(CALLER_PID, 0, child.port(), newPort, ""));

        assertThat(replies).hasSize(8).extracting(r -> r.get("ok").asBoolean()).containsOnly(false);
        for (int i = 0; i < 3; i++) {
            // A request has no field for a program: anything more is not a message of this protocol.
            assertThat(replies.get(i).get("message").asText()).contains("not a message of this protocol");
        }
        assertThat(replies.get(3).get("message").asText()).contains("start time differs");
        assertThat(replies.get(4).get("message").asText()).contains("does not hold port " + other.port());
        assertThat(replies.get(5).get("message").asText()).contains("must differ");
        assertThat(replies.get(6).get("message").asText()).contains("pid 1");
        assertThat(replies.get(7).get("message").asText()).contains("the helper itself or the process that started");
        assertThat(child.process().isAlive()).isTrue();
        assertThat(other.process().isAlive()).isTrue();
        assertThat(scanner.scan().listeners().stream().filter(l -> l.port() == newPort)).isEmpty();
    }

    @Test
    void anotherUsersHolderIsMovedAsThatUserNeverAsRoot() throws Exception {
        assumeTrue(Unprivileged.available(), "needs root and setpriv to start another user's server");
        int oldPort = Children.freeLoopbackPort();
        Child theirs = children.startServerAsNobody("--port", String.valueOf(oldPort));
        int newPort = Children.freeLoopbackPort();
        Long newPid = null;
        try {
            JsonNode reply = exchange(move(theirs.pid(), started(theirs), oldPort, newPort, "")).get(0);
            assertThat(reply.get("ok").asBoolean()).as(reply.toString()).isTrue();
            newPid = reply.get("newPid").asLong();

            // The OS afterwards: the old process is gone, the new one listens on the new port as nobody.
            assertThat(Children.awaitExit(theirs.pid(), Duration.ofSeconds(10))).isTrue();
            assertThat(uidOf(newPid)).isEqualTo(Unprivileged.uid());
            long moved = newPid;
            assertThat(KillService.holders(scanner.scan(), newPort)).extracting(ProcessInfo::pid)
                    .containsExactly((int) moved);
            assertThat(reply.get("message").asText()).contains("runs as " + Unprivileged.USER);
            assertThat(Files.readString(dir.resolve("audit.log"))).contains("caller uid " + CALLER_UID
                    + ": move-holder pid " + theirs.pid() + " port " + oldPort + " -> " + newPort + " -> done");
        } finally {
            if (newPid != null) {
                // The moved server runs detached (its own session): the test started it, so it stops it, by pid.
                ProcessHandle.of(newPid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void aStopWithItsChildrenStopsTheWholeTreeAndSaysWhetherItExited() throws Exception {
        Child parent = children.startServer("--children", "2");
        List<Long> kids = ProcessHandle.of(parent.pid()).orElseThrow().children().map(ProcessHandle::pid).toList();
        assertThat(kids).hasSize(2);

        JsonNode reply = exchange("{\"type\":\"stop-process\",\"pid\":" + parent.pid() + ",\"started\":"
                + started(parent) + ",\"port\":" + parent.port()
                + ",\"force\":false,\"tree\":true,\"timeoutMillis\":5000}").get(0);

        assertThat(reply.get("ok").asBoolean()).as(reply.toString()).isTrue();
        assertThat(reply.get("exited").asBoolean()).isTrue();
        assertThat(Children.awaitExit(parent.pid(), Duration.ofSeconds(10))).isTrue();
        for (long kid : kids) {
            assertThat(Children.awaitExit(kid, Duration.ofSeconds(10))).as("child " + kid).isTrue();
        }
    }

    /** The real uid of a process, from {@code /proc/PID/status}. */
    private static int uidOf(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(l -> l.startsWith("Uid:")).map(l -> Integer.parseInt(l.substring(4).trim().split("\\s+")[0]))
                .findFirst().orElseThrow();
    }

    @Test
    void resolveOwnersNamesEveryOwnerItSees() throws Exception {
        Child child = children.startServer();

        JsonNode reply = exchange("{\"type\":\"resolve-owners\"}").get(0);

        assertThat(reply.get("ok").asBoolean()).isTrue();
        boolean found = false;
        for (JsonNode owner : reply.get("owners")) {
            found |= owner.get("port").asInt() == child.port() && owner.get("pid").asLong() == child.pid();
        }
        assertThat(found).isTrue();
        assertThat(Optional.ofNullable(reply.get("newPid"))).isEmpty();
    }

    @Test
    void closeWithABadRemoteIsRefused() throws Exception {
        JsonNode reply = exchange("{\"type\":\"close-connections\",\"port\":8080,\"remote\":\"evil.example:80\"}")
                .get(0);

        assertThat(reply.get("ok").asBoolean()).isFalse();
        assertThat(reply.get("message").asText()).contains("literal address");
    }
}
