package dev.portwatch.core.watch;

import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.model.Listener;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketKey;
import dev.portwatch.model.SocketState;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.testing.LiveScans;
import dev.portwatch.testing.ManualScheduler;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.MainViewModel;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener's connection count (the window's Conns column) from real sockets read by the real scanner: each
 * connection goes to the listener the kernel would hand it to, a specific bind before a wildcard one.
 */
class AcceptedConnectionsTest {

    private static final SocketScanner SCANNER = Scanners.create();
    private static final int PID = (int) ProcessHandle.current().pid();

    @Test
    void countsEachListenersAcceptedConnectionsASpecificBindBeforeTheWildcard() throws Exception {
        List<Socket> open = new ArrayList<>();
        try (var loopback = new ServerSocket(); var wildcard = new ServerSocket()) {
            // The same port on 127.0.0.1 and on 0.0.0.0 (SO_REUSEPORT lets one user bind both): the kernel hands a
            // client of 127.0.0.1 to the specific bind and a client of 127.0.0.2 to the wildcard one.
            loopback.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            loopback.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 50);
            int port = loopback.getLocalPort();
            wildcard.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            wildcard.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port), 50);
            for (int i = 0; i < 3; i++) {
                open.add(new Socket("127.0.0.1", port));
                open.add(loopback.accept());
            }
            open.add(new Socket("127.0.0.2", port));
            open.add(wildcard.accept());

            Snapshot snapshot = awaitScan(s -> s.listeners().stream().filter(l -> l.port() == port
                    && l.state() == SocketState.ESTABLISHED && l.pid().orElse(0) == PID).count() == 4);
            Map<SocketKey, Integer> counts = AcceptedConnections.count(snapshot.listeners());

            assertThat(counts.get(listener(snapshot, "127.0.0.1", port).key())).isEqualTo(3);
            // Java binds 0.0.0.0 as a dual-stack [::] socket, whose IPv4 clients the kernel reports as IPv4.
            assertThat(counts.get(listener(snapshot, "::", port).key())).isEqualTo(1);
            // The clients' own sockets (local port ephemeral) count for no listener of ours.
            assertThat(counts.values().stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo((int) snapshot.listeners().stream().filter(AcceptedConnections::isOpenConnection)
                            .filter(c -> counts.containsKey(listenerKeyFor(snapshot, c))).count());
        } finally {
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    @Test
    void theWindowsRowsCarryTheCountAndFollowItAcrossScans() throws Exception {
        var scheduler = new ManualScheduler(Instant.parse("2026-01-01T10:00:00Z"));
        // The real scanner, scans run on this thread when asked for.
        var model = new MainViewModel(SCANNER, scheduler, UiTasks.direct(), scheduler.clock(), ContainerNames.none());
        try (var server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = server.getLocalPort();
            var client = new Socket("127.0.0.1", port);
            var accepted = server.accept();
            assertThat(awaitCount(model, port, 1)).isEqualTo(1);
            assertThat(model.visibleRows().stream().filter(r -> r.getListener().port() == port
                    && r.getListener().state() == SocketState.ESTABLISHED))
                    .allSatisfy(r -> assertThat(r.connectionsProperty().get()).as("a connection's count").isNull());

            var second = new Socket("127.0.0.1", port);
            var secondAccepted = server.accept();
            assertThat(awaitCount(model, port, 2)).isEqualTo(2);

            for (Socket s : List.of(client, accepted, second, secondAccepted)) {
                s.close();
            }
            assertThat(awaitCount(model, port, 0)).isZero();
        } finally {
            model.close();
        }
    }

    /** Scans until the listener's row shows {@code expected} connections (or 10 s passed); returns the count shown. */
    private static Integer awaitCount(MainViewModel model, int port, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            model.refreshNow();
            Integer shown = model.visibleRows().stream().filter(r -> r.getListener().port() == port
                    && r.getListener().state() == SocketState.LISTEN && r.getListener().pid().orElse(0) == PID)
                    .findFirst().map(r -> r.connectionsProperty().get()).orElse(null);
            if (Integer.valueOf(expected).equals(shown) || System.nanoTime() > deadline) {
                return shown;
            }
            Thread.sleep(20);
        }
    }

    private static long established(Snapshot snapshot, int port) {
        return snapshot.listeners().stream().filter(l -> l.port() == port && l.pid().orElse(0) == PID
                && l.state() == SocketState.ESTABLISHED).count();
    }

    private static SocketKey listenerKeyFor(Snapshot snapshot, Listener connection) {
        List<Listener> listeners = snapshot.listeners().stream().filter(l -> l.state() == SocketState.LISTEN).toList();
        return listeners.stream()
                .filter(l -> AcceptedConnections.acceptedBy(l, listeners, connection.ipVersion(), connection.local()))
                .map(Listener::key).findFirst().orElse(null);
    }

    private static Listener listener(Snapshot snapshot, String address, int port) {
        return snapshot.listeners().stream().filter(l -> l.port() == port && l.address().equals(address)
                && l.state() == SocketState.LISTEN).findFirst().orElseThrow();
    }

    private static Snapshot awaitScan(Predicate<Snapshot> condition) throws ScanException, InterruptedException {
        return LiveScans.await(SCANNER, condition, Duration.ofSeconds(10));
    }
}
