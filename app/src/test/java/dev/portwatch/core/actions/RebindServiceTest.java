package dev.portwatch.core.actions;

import dev.portwatch.model.ByteString;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessDetails;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.os.ProcessReader;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.Children.Child;
import dev.portwatch.testing.OtherUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rebinds real child servers and checks the OS afterwards: new process, same directory, old port free. */
class RebindServiceTest {

    private static final SocketScanner SCANNER = Scanners.create();
    private static final ProcessReader PROCESSES = Scanners.processes();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Children children = new Children();
    private final List<Long> rebound = new ArrayList<>();
    private final KillService killer = new KillService(SCANNER, PROCESSES);
    private final Path logs = DataDirectory.logs();
    private final RebindService service = new RebindService(killer, logs);

    @TempDir
    Path workingDirectory;

    @AfterEach
    void cleanUp() {
        // The rebound servers were started by the service on the test's behalf: stop exactly those pids.
        for (long pid : rebound) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        children.close();
    }

    @Test
    void movesAServerFromItsPortArgumentToAnotherPort() throws Exception {
        // A directory an older portwatch created world-readable is narrowed too.
        Files.createDirectories(logs);
        Files.setPosixFilePermissions(logs, PosixFilePermissions.fromString("rwxr-xr-x"));
        FreePortFinder ports = finder();
        int p = ports.near(20_000 + (int) (ProcessHandle.current().pid() % 20_000), 1).get(0);
        Child child = children.startServer(Map.of(), workingDirectory, "--port", String.valueOf(p));
        int q = ports.nearestAbove(p).orElseThrow();

        RebindOutcome outcome = rebind(child, p, q);

        assertMoved(child, outcome, p, q);
        assertThat(outcome.plan().rewrite().newArgumentTexts()).endsWith("--port", String.valueOf(q));
    }

    @Test
    void movesAServerFromItsPortVariableToAnotherPort() throws Exception {
        FreePortFinder ports = finder();
        int p = ports.near(30_000 + (int) (ProcessHandle.current().pid() % 20_000), 1).get(0);
        Child child = children.startServer(Map.of("PORT", String.valueOf(p)), workingDirectory);
        int q = ports.nearestAbove(p).orElseThrow();

        RebindOutcome outcome = rebind(child, p, q);

        assertMoved(child, outcome, p, q);
        assertThat(outcome.plan().rewrite().changedVariables()).containsExactly("PORT");
        ProcessDetails started = PROCESSES.process((int) outcome.newPid().getAsLong()).orElseThrow();
        assertThat(started.environment()).containsEntry("PORT", String.valueOf(q));
    }

    @Test
    void movesOneHolderOfAConflictAndLeavesTheOtherOnTheOldPort() throws Exception {
        FreePortFinder ports = finder();
        int p = ports.near(25_000 + (int) (ProcessHandle.current().pid() % 20_000), 1).get(0);
        Child moved = children.startServer(Map.of(), workingDirectory, "--port", String.valueOf(p),
                "--bind", "127.0.0.1");
        Child other;
        try {
            other = children.startServer("--port", String.valueOf(p), "--bind", "::1");
        } catch (IOException e) {
            Assumptions.abort("IPv6 loopback is unavailable here: " + e.getMessage());
            return;
        }
        int q = ports.nearestAbove(p).orElseThrow();

        RebindOutcome outcome = rebind(moved, p, q);

        assertThat(outcome.success()).as(outcome.sentence() + " " + outcome.logTail()).isTrue();
        assertThat(Children.reaped(moved.process())).isTrue();
        var snapshot = SCANNER.scan();
        assertThat(KillService.holders(snapshot, q)).extracting(ProcessInfo::pid)
                .containsExactly((int) outcome.newPid().orElseThrow());
        assertThat(KillService.holders(snapshot, p)).extracting(ProcessInfo::pid).containsExactly((int) other.pid());
        assertThat(outcome.sentence()).contains(p + " is still held by");
    }

    @Test
    void aServerWithoutThePortInItsCommandKeepsRunning() throws Exception {
        Child child = children.startServer(Map.of(), workingDirectory);
        ProcessInfo holder = KillServiceTest.holderOf(child);

        assertThatThrownBy(() -> service.plan(holder, child.port(), child.port() + 1))
                .isInstanceOf(PortNotInCommandException.class)
                .hasMessageContaining("neither the command line nor the environment")
                .hasMessageContaining("left running");

        assertThat(child.process().isAlive()).isTrue();
        assertThat(KillService.holders(SCANNER.scan(), child.port())).extracting(ProcessInfo::pid)
                .contains((int) child.pid());
    }

    @Test
    void aTakenTargetPortChangesNothing() throws Exception {
        FreePortFinder ports = finder();
        int p = ports.near(40_000 + (int) (ProcessHandle.current().pid() % 20_000), 1).get(0);
        Child child = children.startServer(Map.of(), workingDirectory, "--port=" + p);
        Child other = children.startServer();
        RebindPlan plan = service.plan(KillServiceTest.holderOf(child), p, other.port());

        assertThatThrownBy(() -> service.execute(plan, finder(), TIMEOUT, s -> { }))
                .isInstanceOf(NewPortTakenException.class)
                .hasMessage(other.port() + " is held by java (pid " + other.pid() + ") on 127.0.0.1. Pick another "
                        + "port.");

        assertThat(child.process().isAlive()).isTrue();
        assertThat(other.process().isAlive()).isTrue();
    }

    @Test
    void aNewProcessThatFailsIsReportedWithItsLogTail() throws Exception {
        FreePortFinder ports = finder();
        int p = ports.near(50_000 + (int) (ProcessHandle.current().pid() % 10_000), 1).get(0);
        int q = ports.nearestAbove(p).orElseThrow();
        Child child = children.startServer(Map.of(), workingDirectory, "--port", String.valueOf(p),
                "--refuse-port", String.valueOf(q));
        RebindPlan plan = service.plan(KillServiceTest.holderOf(child), p, q);

        RebindOutcome outcome = service.execute(plan, finder(), TIMEOUT, step -> { });
        outcome.newPid().ifPresent(rebound::add);

        assertThat(outcome.success()).isFalse();
        assertThat(outcome.sentence()).contains("the new process exited with an error")
                .contains(outcome.log().toString());
        assertThat(outcome.logTail()).contains("refusing to listen on " + q);
        assertThat(outcome.plan().rewrite().oldArgumentTexts()).contains("--port", String.valueOf(p));
        assertThat(KillService.listenersOn(SCANNER.scan(), q)).isEmpty();
    }

    @Test
    void refusesTheCurrentPortAsTarget() throws Exception {
        Child child = children.startServer("--port", "0");

        assertThatThrownBy(() -> service.plan(KillServiceTest.holderOf(child), child.port(), child.port()))
                .isInstanceOf(ActionException.class)
                .hasMessageContaining("current one");
        assertThat(child.process().isAlive()).isTrue();
    }

    /** Issue 9, finding 1: root moving another user's server starts the new process as that user, never as root. */
    @Test
    void restartsAnotherUsersServerAsThatUserWithItsGroups() throws Exception {
        OtherUser.assumeAvailable();
        FreePortFinder ports = finder();
        int p = ports.near(21_000 + (int) (ProcessHandle.current().pid() % 20_000), 1).get(0);
        List<String> server = Children.serverCommand("--port", String.valueOf(p));
        server.set(server.indexOf("-cp") + 1, OtherUser.classPath());
        Child child = children.start(OtherUser.command(server), Map.of(), Path.of("/tmp"));
        int q = ports.nearestAbove(p).orElseThrow();

        Map<String, String> oldStatus = status(child.pid());
        RebindPlan plan = service.plan(KillServiceTest.holderOf(child), p, q);
        assertThat(plan.runsAs()).startsWith(OtherUser.NAME + " (uid " + OtherUser.uid() + ", gid ");
        RebindOutcome outcome = service.execute(plan, finder(), TIMEOUT, step -> { });
        outcome.newPid().ifPresent(rebound::add);

        assertThat(outcome.success()).as(outcome.sentence() + " " + outcome.logTail()).isTrue();
        long newPid = outcome.newPid().orElseThrow();
        Map<String, String> status = status(newPid);
        assertThat(status.get("Uid")).startsWith(OtherUser.uid() + "\t" + OtherUser.uid() + "\t");
        assertThat(status.get("Gid")).isEqualTo(oldStatus.get("Gid"));
        assertThat(status.get("Groups")).isEqualTo(oldStatus.get("Groups"));
        assertThat(KillService.holders(SCANNER.scan(), q)).extracting(ProcessInfo::pid).containsExactly((int) newPid);
    }

    /**
     * Issue 9, finding 2: the new process gets the old argument vector byte for byte but the port (a newline, an
     * empty argument and bytes that are not UTF-8 included), and the environment likewise; the node-style server
     * that binds the wildcard unless given {@code --host} after an empty {@code --title} stays on loopback.
     */
    @Test
    void restartsWithTheExactArgumentVectorAndEnvironment() throws Exception {
        FreePortFinder ports = finder();
        int p = ports.near(22_000 + (int) (ProcessHandle.current().pid() % 20_000), 1).get(0);
        // Java can't pass these bytes to a child; bash can, and execs the server in place.
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c",
                "export LATIN=$'caf\\xe9'; exec \"$@\" $'caf\\xe9' $'\\xff\\xfe'", "bash"));
        command.addAll(Children.serverCommand("--wildcard-by-default", "--port=" + p, "multi\nline", "",
                "--title", "", "--host", "127.0.0.1", "--tail-arg", "x"));
        Child child = children.start(command, Map.of(), workingDirectory);
        byte[] oldArgv = Files.readAllBytes(Path.of("/proc/" + child.pid() + "/cmdline"));
        byte[] oldEnviron = Files.readAllBytes(Path.of("/proc/" + child.pid() + "/environ"));
        int q = ports.nearestAbove(p).orElseThrow();

        RebindOutcome outcome = rebind(child, p, q);

        assertThat(outcome.success()).as(outcome.sentence() + " " + outcome.logTail()).isTrue();
        long newPid = outcome.newPid().orElseThrow();
        byte[] newArgv = Files.readAllBytes(Path.of("/proc/" + newPid + "/cmdline"));
        byte[] expected = replace(oldArgv, ("--port=" + p).getBytes(StandardCharsets.US_ASCII),
                ("--port=" + q).getBytes(StandardCharsets.US_ASCII));
        assertThat(newArgv).isEqualTo(expected);
        assertThat(ByteString.splitNulTerminated(newArgv)).contains(ByteString.utf8(""),
                ByteString.utf8("multi\nline"), ByteString.of(new byte[] {'c', 'a', 'f', (byte) 0xE9}),
                ByteString.of(new byte[] {(byte) 0xFF, (byte) 0xFE}));
        List<ByteString> environment = ByteString.splitNulTerminated(
                Files.readAllBytes(Path.of("/proc/" + newPid + "/environ")));
        assertThat(environment).contains(ByteString.of(new byte[] {'L', 'A', 'T', 'I', 'N', '=', 'c', 'a', 'f',
                (byte) 0xE9}));
        assertThat(Files.readAllBytes(Path.of("/proc/" + newPid + "/environ"))).isEqualTo(oldEnviron);
        assertThat(KillService.listenersOn(SCANNER.scan(), q)).extracting(Listener::address)
                .containsExactly("127.0.0.1");
        assertThat(Path.of(PROCESSES.process((int) newPid).orElseThrow().workingDirectory()).toRealPath())
                .isEqualTo(workingDirectory.toRealPath());
    }

    /** Issue 9, finding 2: a process that rewrote its argument area is refused, not restarted from a guess. */
    @Test
    void refusesAProcessThatRewroteItsCommandLine() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/perl")));
        // Perl's $0 writes a title over the argument area, as setproctitle() does for many servers.
        String script = "use Socket; socket(S, PF_INET, SOCK_STREAM, 0) or die; "
                + "setsockopt(S, SOL_SOCKET, SO_REUSEADDR, 1); "
                + "bind(S, sockaddr_in($ARGV[0], inet_aton('127.0.0.1'))) or die; listen(S, 5) or die; "
                + "$0 = 'myserver: accepting connections'; $| = 1; print \"LISTENING $ARGV[0]\\n\"; sleep 600;";
        int p = Children.freeLoopbackPort();
        Child child = children.start(List.of("/usr/bin/perl", "-e", script, String.valueOf(p)), Map.of(),
                workingDirectory);

        assertThatThrownBy(() -> service.plan(KillServiceTest.holderOf(child), p, p + 1))
                .isInstanceOf(ActionException.class)
                .hasMessageContaining("rewrote its own command line")
                .hasMessageContaining("myserver: accepting connections");
        assertThat(child.process().isAlive()).isTrue();
    }

    private static Map<String, String> status(long pid) throws IOException {
        Map<String, String> fields = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    private static byte[] replace(byte[] haystack, byte[] needle, byte[] replacement) {
        var out = new ByteArrayOutputStream();
        int i = 0;
        boolean done = false;
        while (i < haystack.length) {
            if (!done && Arrays.equals(haystack, i, Math.min(i + needle.length, haystack.length), needle, 0,
                    needle.length)) {
                out.writeBytes(replacement);
                i += needle.length;
                done = true;
            } else {
                out.write(haystack[i++]);
            }
        }
        return out.toByteArray();
    }

    private RebindOutcome rebind(Child child, int p, int q) throws Exception {
        RebindPlan plan = service.plan(KillServiceTest.holderOf(child), p, q);
        List<String> steps = new ArrayList<>();
        RebindOutcome outcome = service.execute(plan, finder(), TIMEOUT, steps::add);
        outcome.newPid().ifPresent(rebound::add);
        assertThat(steps).isNotEmpty();
        return outcome;
    }

    private void assertMoved(Child child, RebindOutcome outcome, int p, int q) throws Exception {
        assertThat(outcome.success()).as(outcome.sentence() + " " + outcome.logTail()).isTrue();
        long newPid = outcome.newPid().orElseThrow();
        assertThat(newPid).isNotEqualTo(child.pid());
        assertThat(Children.reaped(child.process())).isTrue();
        var snapshot = SCANNER.scan();
        assertThat(KillService.listenersOn(snapshot, p)).isEmpty();
        assertThat(KillService.holders(snapshot, q)).extracting(ProcessInfo::pid).containsExactly((int) newPid);
        ProcessDetails started = PROCESSES.process((int) newPid).orElseThrow();
        assertThat(Path.of(started.workingDirectory()).toRealPath()).isEqualTo(workingDirectory.toRealPath());
        assertThat(outcome.log()).startsWith(logs).exists();
        // Server output often holds tokens: only its owner may read it.
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logs))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(outcome.log())))
                .isEqualTo("rw-------");
        // The server prints LISTENING right after its bind, so the log may trail the scan that saw the socket.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> Files.readString(outcome.log()).contains("LISTENING " + q));
        assertThat(outcome.sentence()).contains("pid " + newPid).contains(String.valueOf(q));
    }

    private static FreePortFinder finder() throws Exception {
        return new FreePortFinder(port -> false, SCANNER.scan());
    }
}
