package dev.portwatch.ui.detail;

import dev.portwatch.model.Listener;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.testing.LiveScans;
import dev.portwatch.ui.tasks.UiTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Details tab's connection list without a toolkit: real listeners and clients in this JVM, the kernel's real
 * connection dump, both executors run by hand so each step is explicit.
 */
class ConnectionsViewModelTest {

    private static final SocketScanner SCANNER = Scanners.create();
    private static final int PID = (int) ProcessHandle.current().pid();

    private final List<AutoCloseable> open = new ArrayList<>();
    private final ArrayDeque<Runnable> background = new ArrayDeque<>();
    private ServerSocket server;
    private ConnectionsViewModel model;

    @BeforeEach
    void listen() throws IOException {
        assumeTrue(Scanners.connections().isPresent(), "needs Linux netlink sock_diag");
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        open.add(server);
        model = new ConnectionsViewModel(Scanners.connections(), UiTasks.on(background::add, Runnable::run));
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    @Test
    void listsAListenersConnectionsWithPeerProcessBytesAndAgeAndKeepsRowsAcrossRefreshes() throws Exception {
        Socket[] first = connect();
        Socket[] second = connect();
        first[0].getOutputStream().write(new byte[1500]);
        first[1].getInputStream().readNBytes(1500);
        Snapshot snapshot = awaitScan(s -> established(s) == 2);
        model.snapshotChanged(snapshot);
        runBackground();

        model.show(Optional.of(listener(snapshot)));
        assertThat(model.statusProperty().get()).isEqualTo("Reading connections…");
        runBackground();

        assertThat(model.applicableProperty().get()).isTrue();
        assertThat(model.statusProperty().get()).isEqualTo("2 connections accepted on 127.0.0.1:" + port() + ".");
        assertThat(model.rows()).extracting(r -> r.getConnection().connection().remote().port())
                .containsExactlyInAnyOrder(first[0].getLocalPort(), second[0].getLocalPort());
        ConnectionRow firstRow = row(first[0]);
        assertThat(firstRow.getConnection().peer()).hasValueSatisfying(p -> assertThat(p.pid()).isEqualTo(PID));
        assertThat(firstRow.getConnection().peerText()).startsWith(PID + " java");
        assertThat(firstRow.getConnection().connection().bytesReceived()).hasValue(1500);
        assertThat(firstRow.getConnection().connection().firstSeen()).isBeforeOrEqualTo(Instant.now());
        // A connection is at least as old as it has been idle, whenever portwatch first saw it.
        Instant later = Instant.now().plusSeconds(1);
        assertThat(firstRow.getConnection().age(later)).isGreaterThanOrEqualTo(
                Duration.ofMillis(firstRow.getConnection().connection().idleMillis().orElse(0)));

        // More bytes, then a refresh: the same row object, with the new figures.
        first[0].getOutputStream().write(new byte[500]);
        first[1].getInputStream().readNBytes(500);
        model.snapshotChanged(SCANNER.scan());
        runBackground();
        assertThat(row(first[0])).isSameAs(firstRow);
        assertThat(firstRow.getConnection().connection().bytesReceived()).hasValue(2000);

        // One connection closes: its row goes, the other stays the same object.
        ConnectionRow secondRow = row(second[0]);
        second[0].close();
        second[1].close();
        model.snapshotChanged(awaitScan(s -> established(s) == 1));
        runBackground();
        assertThat(model.rows()).containsExactly(firstRow);
        assertThat(secondRow).isNotIn(model.rows());
        assertThat(model.statusProperty().get()).isEqualTo("1 connection accepted on 127.0.0.1:" + port() + ".");
    }

    @Test
    void readsOnlyWhileShownAndAtOnceWhenShownAgain() throws Exception {
        connect();
        Snapshot snapshot = awaitScan(s -> established(s) == 1);
        model.snapshotChanged(snapshot);
        model.show(Optional.of(listener(snapshot)));
        runBackground();
        assertThat(model.rows()).hasSize(1);

        model.setShown(false);
        connect();
        model.snapshotChanged(awaitScan(s -> established(s) == 2));
        assertThat(background).as("no read while hidden").isEmpty();
        assertThat(model.rows()).hasSize(1);

        model.setShown(true);
        runBackground();
        assertThat(model.rows()).hasSize(2);
    }

    @Test
    void anAnswerForASocketNoLongerSelectedIsDropped() throws Exception {
        connect();
        Snapshot snapshot = awaitScan(s -> established(s) == 1);
        model.snapshotChanged(snapshot);
        Listener listener = listener(snapshot);
        Listener connection = snapshot.listeners().stream().filter(l -> l.port() == port()
                && l.state() == SocketState.ESTABLISHED).findFirst().orElseThrow();

        model.show(Optional.of(listener));
        model.show(Optional.of(connection));
        runBackground();

        // A connection row lists itself: the one connection, closable from Details.
        assertThat(model.rows()).singleElement().satisfies(r -> assertThat(r.getConnection().connection().remote())
                .isEqualTo(connection.remote().orElseThrow()));
        assertThat(model.statusProperty().get()).isEqualTo("This connection, as the kernel reports it now.");
    }

    @Test
    void aUdpSocketHasNoConnectionListAndNothingIsRead() throws Exception {
        try (var udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0))) {
            Snapshot snapshot = awaitScan(s -> s.listeners().stream().anyMatch(l -> l.port() == udp.getLocalPort()
                    && l.protocol() == Protocol.UDP));
            Listener socket = snapshot.listeners().stream().filter(l -> l.port() == udp.getLocalPort()
                    && l.protocol() == Protocol.UDP).findFirst().orElseThrow();

            model.show(Optional.of(socket));

            assertThat(model.applicableProperty().get()).isFalse();
            assertThat(model.statusProperty().get()).contains("Only TCP listeners and connections");
            assertThat(background).isEmpty();
        }
    }

    @Test
    void withoutNetlinkItSaysSo() throws Exception {
        var without = new ConnectionsViewModel(Optional.empty(), UiTasks.on(background::add, Runnable::run));
        Snapshot snapshot = awaitScan(s -> s.listeners().stream().anyMatch(l -> l.port() == port()));

        without.show(Optional.of(listener(snapshot)));

        assertThat(without.statusProperty().get()).contains("can't be listed on this system");
        assertThat(background).isEmpty();
    }

    private void runBackground() {
        while (!background.isEmpty()) {
            background.poll().run();
        }
    }

    private ConnectionRow row(Socket client) {
        return model.rows().stream().filter(r -> r.getConnection().connection().remote().port()
                == client.getLocalPort()).findFirst().orElseThrow();
    }

    /** A client and the server's side of its connection. */
    private Socket[] connect() throws IOException {
        var client = new Socket("127.0.0.1", port());
        open.add(client);
        Socket accepted = server.accept();
        open.add(accepted);
        return new Socket[] {client, accepted};
    }

    private int port() {
        return server.getLocalPort();
    }

    private long established(Snapshot snapshot) {
        return snapshot.listeners().stream().filter(l -> l.port() == port() && l.state() == SocketState.ESTABLISHED)
                .count();
    }

    private Listener listener(Snapshot snapshot) {
        return snapshot.listeners().stream().filter(l -> l.port() == port() && l.state() == SocketState.LISTEN)
                .findFirst().orElseThrow();
    }

    private static Snapshot awaitScan(Predicate<Snapshot> condition) throws ScanException, InterruptedException {
        return LiveScans.await(SCANNER, condition, Duration.ofSeconds(10));
    }
}
