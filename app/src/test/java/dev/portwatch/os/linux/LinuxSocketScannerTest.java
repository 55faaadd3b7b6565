package dev.portwatch.os.linux;

import dev.portwatch.core.OwnerVisibility;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketUser;
import dev.portwatch.model.UnknownOwner;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.oshi.OshiProcessReader;
import dev.portwatch.os.oshi.OshiSocketScanner;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.ForkingServer;
import dev.portwatch.testing.Unprivileged;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The incremental scanner, kept across opens, closes and owner changes of real sockets, reports what a full OSHI
 * scan reports: on the ports these tests control always, and on the whole machine whenever it held still while
 * both scanned (other programs open and close sockets meanwhile).
 */
class LinuxSocketScannerTest {

    private static final Path PROC = Path.of("/proc");
    private static final String LOOPBACK = "127.0.0.1";

    private final OshiProcessReader reader = new OshiProcessReader();
    private final OshiSocketScanner full = new OshiSocketScanner(reader);
    private LinuxSocketScanner incremental;
    private final Set<Integer> ports = new HashSet<>();
    private final Children children = new Children();

    @BeforeEach
    void onLinux() {
        assumeTrue(LinuxSocketScanner.isSupported(PROC), "needs Linux /proc");
        incremental = new LinuxSocketScanner(PROC, reader, useNetlink());
        assertThat(incremental.tableSource()).isEqualTo(useNetlink() ? "netlink" : "/proc/net");
    }

    /** Whether the scanner under test reads the tables over netlink; the subclass tests the /proc/net reader. */
    boolean useNetlink() {
        return true;
    }

    @AfterEach
    void cleanUp() {
        children.close();
    }

    @Test
    void equalsFullScanAcrossOpensAndCloses() throws Exception {
        assertSameAsFullScan();
        try (var v4 = bind("127.0.0.1"); var v6 = bind("::1"); var any = bind("0.0.0.0");
                var udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            ports.addAll(List.of(v4.getLocalPort(), v6.getLocalPort(), any.getLocalPort(), udp.getLocalPort()));
            Children.Child tcpChild = children.startServer();
            Children.Child udpChild = children.startServer("--udp", "--bind", "::1");
            ports.addAll(List.of(tcpChild.port(), udpChild.port()));

            Snapshot opened = assertSameAsFullScan();
            long self = ProcessHandle.current().pid();
            assertThat(ownerOf(opened, Protocol.TCP, "::1", v6.getLocalPort())).isEqualTo(self);
            assertThat(ownerOf(opened, Protocol.UDP, LOOPBACK, udp.getLocalPort())).isEqualTo(self);
            assertThat(ownerOf(opened, tcpChild.port())).isEqualTo(tcpChild.pid());
            assertThat(ownerOf(opened, Protocol.UDP, "::1", udpChild.port())).isEqualTo(udpChild.pid());

            v4.close();
            tcpChild.process().destroyForcibly();
            assertThat(Children.awaitExit(tcpChild.pid(), Duration.ofSeconds(10))).isTrue();
            Snapshot closed = assertSameAsFullScan();
            assertThat(portsOf(closed)).doesNotContain(v4.getLocalPort(), tcpChild.port())
                    .contains(v6.getLocalPort(), udpChild.port());
        }
    }

    @Test
    void samePortReboundByAnotherProcessShowsTheNewOwner() throws Exception {
        Children.Child first = children.startServer();
        ports.add(first.port());
        assertThat(ownerOf(assertSameAsFullScan(), first.port())).isEqualTo(first.pid());

        first.process().destroyForcibly();
        assertThat(Children.awaitExit(first.pid(), Duration.ofSeconds(10))).isTrue();
        Children.Child second = children.startServer("--port", String.valueOf(first.port()));
        assertThat(second.port()).isEqualTo(first.port());

        Snapshot rebound = assertSameAsFullScan();
        assertThat(ownerOf(rebound, first.port())).isEqualTo(second.pid());
    }

    @Test
    void socketHandedToAForkedChildShowsTheChild() throws Exception {
        assumeTrue(ForkingServer.available(), "needs python3 to fork with an open socket");
        try (var server = ForkingServer.start()) {
            ports.add(server.port());
            assertThat(ownerOf(assertSameAsFullScan(), server.port())).isEqualTo(server.pid());

            long child = server.handOff();

            assertThat(ownerOf(assertSameAsFullScan(), server.port())).isEqualTo(child);
        }
    }

    /** Issue 9, finding 9: a listening socket no process holds (in flight, orphaned) says so, not "protected". */
    @Test
    void aSocketNoProcessHoldsSaysSo() throws Exception {
        assumeTrue(ForkingServer.available(), "needs python3 to orphan a socket");
        try (var server = ForkingServer.start()) {
            ports.add(server.port());
            server.orphan();

            incremental.scan();
            // The second scan: a process of the machine exiting during the first search could make its verdict
            // "exited during the scan"; a socket that outlives that is nobody's.
            Snapshot snapshot = incremental.scan();
            Listener orphan = snapshot.listeners().stream()
                    .filter(l -> l.port() == server.port() && l.state().isListening()).findFirst().orElseThrow();

            assertThat(orphan.owner()).isEmpty();
            if (snapshot.privileged()) {
                // Nobody holds it; where the OS refuses root some process's descriptors (a sandbox's pid 1), that
                // process might, and portwatch says so instead.
                assertThat(snapshot.whyUnknown(orphan).orElseThrow()).isIn(UnknownOwner.NO_PROCESS,
                        UnknownOwner.PROTECTED);
                assertThat(OwnerVisibility.explain(List.of(orphan), snapshot, ""))
                        .hasValueSatisfying(s -> assertThat(s).doesNotContain("network namespace")
                                .containsAnyOf("no process owns it (TIME_WAIT or orphaned)",
                                        "a process the OS protects"));
            } else {
                assertThat(snapshot.whyUnknown(orphan)).contains(UnknownOwner.OTHER_USER);
            }
        }
    }

    /**
     * Issue 9, finding 9: where the OS refuses even root a process's descriptors (this machine's pid 1, a sandbox's
     * init), its sockets are "a process the OS protects", not "no process".
     */
    @Test
    void aProcessWhoseDescriptorsAreRefusedIsProtected() throws Exception {
        assumeTrue(reader.isPrivileged(), "needs root");
        boolean refused;
        try (var fds = Files.list(PROC.resolve("1").resolve("fd"))) {
            refused = fds.anyMatch(fd -> {
                try {
                    Files.readSymbolicLink(fd);
                    return false;
                } catch (AccessDeniedException e) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
        }
        assumeTrue(refused, "pid 1's descriptors are readable here");
        var scanner = new LinuxSocketScanner(PROC, reader, useNetlink());
        scanner.scan();
        // The second scan: a process exiting during the first search makes its verdict "exited during the scan".
        Snapshot snapshot = scanner.scan();
        var unknown = snapshot.listeners().stream().filter(l -> l.owner().isEmpty() && l.state().isListening())
                .toList();
        assumeTrue(!unknown.isEmpty(), "pid 1 holds no listening socket here");

        assertThat(unknown).extracting(l -> snapshot.whyUnknown(l).orElseThrow()).contains(UnknownOwner.PROTECTED);
    }

    private LinuxProcessReader linuxReader() {
        return new LinuxProcessReader(PROC, reader);
    }

    /** Issue 9, finding 5: a socket shared after fork has two holders; a dead one is never named. */
    @Test
    void aSocketSharedAfterForkNamesItsHoldersAndNeverAZombie() throws Exception {
        assumeTrue(ForkingServer.available(), "needs python3 to fork with an open socket");
        try (var server = ForkingServer.start()) {
            ports.add(server.port());
            long child = server.share();
            assertThat(linuxReader().socketSharers((int) server.pid())).containsExactly((int) child);
            assertThat(linuxReader().socketSharers((int) child)).containsExactly((int) server.pid());
            assumeTrue(ownerOf(incremental.scan(), server.port()) == child, "the scan credited the parent");

            // The test's own child, by pid; the server never reaps it, so it stays a zombie.
            ProcessHandle.of(child).orElseThrow().destroyForcibly();
            assertThat(ForkingServer.exited(child)).isTrue();

            assertThat(linuxReader().isRunning((int) child)).isFalse();
            assertThat(ownerOf(assertSameAsFullScan(), server.port())).isEqualTo(server.pid());
            assertThat(linuxReader().socketSharers((int) server.pid())).isEmpty();
        }
    }

    @Test
    void ownerThatExecsAnotherProgramIsReadAgain() throws Exception {
        assumeTrue(ForkingServer.available(), "needs python3 to exec with an open socket");
        try (var server = ForkingServer.start()) {
            ports.add(server.port());
            assertThat(ownerOf(assertSameAsFullScan(), server.port())).isEqualTo(server.pid());

            server.execSleep();

            Snapshot after = assertSameAsFullScan();
            assertThat(ownerOf(after, server.port())).isEqualTo(server.pid());
            assertThat(owner(after, Protocol.TCP, LOOPBACK, server.port()).name()).isEqualTo("sleep");
        }
    }

    @Test
    void everySocketCarriesTheUserTheKernelRecordedForIt() throws Exception {
        assumeTrue(Unprivileged.available(), "needs root and setpriv to start another user's server");
        try (var mine = bind("127.0.0.1")) {
            Children.Child theirs = children.startServerAsNobody();
            ports.addAll(List.of(mine.getLocalPort(), theirs.port()));

            Snapshot snapshot = incremental.scan();

            Listener own = find(snapshot, Protocol.TCP, LOOPBACK, mine.getLocalPort());
            assertThat(own.socketUser()).contains(new SocketUser(0, "root"));
            Listener other = find(snapshot, Protocol.TCP, LOOPBACK, theirs.port());
            assertThat(other.socketUser()).contains(new SocketUser(Unprivileged.uid(), Unprivileged.USER));
            assertThat(other.userName()).contains(Unprivileged.USER);
        }
    }

    @Test
    void unchangedScanReusesEverythingAndWalksNoDescriptors() throws Exception {
        try (var socket = bind("127.0.0.1")) {
            ports.add(socket.getLocalPort());
            Snapshot first = incremental.scan();
            Snapshot second = incremental.scan();
            // Other programs may open sockets meanwhile; retry until one scan sees none appear.
            for (int i = 0; i < 20 && incremental.lastDescriptorWalks() > 0; i++) {
                first = second;
                second = incremental.scan();
            }
            assertThat(incremental.lastDescriptorWalks()).isZero();
            Listener before = find(first, Protocol.TCP, LOOPBACK, socket.getLocalPort());
            Listener after = find(second, Protocol.TCP, LOOPBACK, socket.getLocalPort());
            assertThat(after).isSameAs(before);
        }
    }

    @Test
    void aScanInWhichNothingChangedReturnsThePreviousListItself() throws Exception {
        try (var socket = bind("127.0.0.1")) {
            ports.add(socket.getLocalPort());
            Snapshot previous = incremental.scan();
            boolean same = false;
            // Other programs open and close sockets meanwhile; some pair of scans in a row sees nothing change.
            for (int i = 0; i < 100 && !same; i++) {
                Snapshot next = incremental.scan();
                same = next.listeners() == previous.listeners();
                previous = next;
            }
            assertThat(same).as("two scans in a row return the same list when nothing changed").isTrue();
            assertThat(find(previous, Protocol.TCP, LOOPBACK, socket.getLocalPort())).isNotNull();
        }
        // A closed socket makes a new list without it.
        Snapshot after = incremental.scan();
        assertThat(after.listeners()).noneMatch(l -> ports.contains(l.port()) && l.state().isListening());
    }

    @Test
    void coldScanListsEachProcessOnceWhileASocketHasNoOwner() throws Exception {
        assumeTrue(ForkingServer.available(), "needs python3 to hold a socket in flight");
        try (var server = ForkingServer.start()) {
            ports.add(server.port());
            server.orphan();
            // The ownerless socket keeps the search going through every process; none may be listed twice.
            // Processes started during the scan are listed too: retry until none did.
            int walks = 0;
            int processes = 0;
            for (int attempt = 0; attempt < 10; attempt++) {
                Set<Long> pids = livePids();
                var cold = new LinuxSocketScanner(PROC, reader, useNetlink());
                Snapshot snapshot = cold.scan();
                assertThat(find(snapshot, Protocol.TCP, LOOPBACK, server.port()).owner()).isEmpty();
                pids.addAll(livePids());
                walks = cold.lastDescriptorWalks();
                processes = pids.size();
                if (walks <= processes) {
                    break;
                }
            }
            assertThat(walks).isLessThanOrEqualTo(processes);
            assertSameAsFullScan();
        }
    }

    private static Set<Long> livePids() {
        return ProcessHandle.allProcesses().map(ProcessHandle::pid).collect(Collectors.toCollection(HashSet::new));
    }

    @Test
    void statParsingKeepsNamesWithSpacesAndParentheses() {
        String text = "4242 (a) b (c)) S 17 4242 4242 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 987654 1000 100";
        assertThat(ProcStat.parse(4242, text)).contains(new ProcStat(4242, "a) b (c)", 17, 987654, 'S'));
        assertThat(ProcStat.parse(4242, "garbage")).isEmpty();
    }

    /**
     * Scans with both scanners and checks they agree: on every socket when some attempt saw no other program's
     * socket change, and on this test's ports in any case. Returns the incremental snapshot.
     */
    private Snapshot assertSameAsFullScan() throws ScanException {
        Snapshot before = null;
        Snapshot mine = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            before = full.scan();
            mine = incremental.scan();
            Snapshot after = full.scan();
            // Other programs' sockets may open and close between the scans (parallel builds on a busy machine make
            // that common): a difference there is retried; this test's own ports are compared after the loop.
            if (counts(before, l -> true).equals(counts(after, l -> true))
                    && counts(mine, l -> true).equals(counts(before, l -> true))) {
                return mine;
            }
        }
        assertThat(counts(mine, l -> ports.contains(l.port())))
                .isEqualTo(counts(before, l -> ports.contains(l.port())));
        return mine;
    }

    /** Counts sockets, ignoring the kernel's socket user, which OSHI's full scan does not read. */
    private static Map<Listener, Long> counts(Snapshot snapshot, Predicate<Listener> which) {
        return snapshot.listeners().stream().filter(which)
                .map(l -> new Listener(l.protocol(), l.ipVersion(), l.local(), l.remote(), l.state(), l.owner()))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static ServerSocket bind(String address) throws IOException {
        var socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        return socket;
    }

    private static Set<Integer> portsOf(Snapshot snapshot) {
        return snapshot.listeners().stream().map(Listener::port).collect(Collectors.toSet());
    }

    /** The listener on this address and port; port numbers alone repeat across addresses and protocols. */
    private static Listener find(Snapshot snapshot, Protocol protocol, String address, int port) {
        return snapshot.listeners().stream()
                .filter(l -> l.port() == port && l.protocol() == protocol && l.address().equals(address)
                        && l.state().isListening())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + protocol + " listener on " + address + ":" + port));
    }

    private static ProcessInfo owner(Snapshot snapshot, Protocol protocol, String address, int port) {
        return find(snapshot, protocol, address, port).owner()
                .orElseThrow(() -> new AssertionError("no owner on " + address + ":" + port));
    }

    private static long ownerOf(Snapshot snapshot, Protocol protocol, String address, int port) {
        return owner(snapshot, protocol, address, port).pid();
    }

    /** The owner of a TCP listener on 127.0.0.1, where the child servers bind by default. */
    private static long ownerOf(Snapshot snapshot, int port) {
        return ownerOf(snapshot, Protocol.TCP, LOOPBACK, port);
    }
}
