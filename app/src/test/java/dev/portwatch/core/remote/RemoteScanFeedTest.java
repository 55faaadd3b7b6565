package dev.portwatch.core.remote;

import dev.portwatch.core.ScanResult;
import dev.portwatch.core.jsonlines.JsonLines;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming and reconnect logic of a remote host, without SSH and without a toolkit: in-memory sessions. */
class RemoteScanFeedTest {

    private static final Instant NOW = Instant.parse("2026-11-30T01:02:03Z");
    private static final Duration FIRST = Duration.ofMillis(50);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final BlockingQueue<FakeSession> opened = new LinkedBlockingQueue<>();
    private final BlockingQueue<ScanResult> results = new LinkedBlockingQueue<>();
    private final BlockingQueue<HostStatus> statuses = new LinkedBlockingQueue<>();
    private RemoteScanFeed feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        executor.shutdownNow();
        readers.shutdownNow();
    }

    /** One in-memory session: the test plays the remote side. */
    private static final class FakeSession implements RemoteConnection {
        final PipedOutputStream toClient = new PipedOutputStream();
        final PipedInputStream clientInput;
        final PipedInputStream fromClient = new PipedInputStream(1 << 16);
        final PipedOutputStream clientOutput;
        volatile boolean closed;

        FakeSession() throws IOException {
            clientInput = new PipedInputStream(toClient, 1 << 20);
            clientOutput = new PipedOutputStream(fromClient);
        }

        void send(RemoteMessage message) throws IOException {
            new JsonLines.Writer(toClient).write(message);
        }

        void sendRaw(String line) throws IOException {
            toClient.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            toClient.flush();
        }

        RemoteMessage received() throws IOException {
            return new JsonLines.Reader<>(fromClient, RemoteMessage.class, 1 << 16).read().orElseThrow();
        }

        void drop() throws IOException {
            toClient.close();
        }

        @Override
        public InputStream input() {
            return clientInput;
        }

        @Override
        public OutputStream output() {
            return clientOutput;
        }

        @Override
        public OptionalInt awaitExit(Duration timeout) {
            return OptionalInt.of(RemoteSession.SSH_FAILED);
        }

        @Override
        public String lastDiagnostic() {
            return "Connection to dev-vm closed by remote host.";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private void startFeed() {
        feed = new RemoteScanFeed(destination -> {
            var session = new FakeSession();
            opened.add(session);
            return session;
        }, SshDestination.parse("dev-vm"), executor, readers, results::add, statuses::add,
                Clock.fixed(NOW, ZoneOffset.UTC), FIRST);
        feed.start();
    }

    private static RemoteMessage.Scan scan(int port) {
        var owner = new ProcessInfo(4242, "node", "dev", "node server.js", List.of("node", "server.js"),
                Optional.of(Instant.parse("2026-11-30T00:00:00Z")), 1);
        var listener = new Listener(Protocol.TCP, IpVersion.V4, new Endpoint("127.0.0.1", port), Optional.empty(),
                SocketState.LISTEN, Optional.of(owner));
        return new RemoteMessage.Scan(SnapshotWire.of(new Snapshot(NOW, List.of(listener), Duration.ofMillis(3),
                false)));
    }

    private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(10, TimeUnit.SECONDS);
        assertThat(value).as("nothing arrived within 10 s").isNotNull();
        return value;
    }

    private HostStatus nextDown() throws InterruptedException {
        HostStatus status;
        do {
            status = next(statuses);
        } while (status.state() != HostStatus.State.DOWN);
        return status;
    }

    @Test
    void oneSessionStreamsEveryScan() throws Exception {
        startFeed();
        FakeSession session = next(opened);
        session.send(new RemoteMessage.Hello(RemoteMessage.PROTOCOL, "test"));

        assertThat(session.received()).isEqualTo(new RemoteMessage.Stream(1000));
        for (int port = 3000; port < 3005; port++) {
            session.send(scan(port));
        }

        assertThat(next(statuses).state()).isEqualTo(HostStatus.State.CONNECTING);
        assertThat(next(statuses)).isEqualTo(HostStatus.up(NOW));
        for (int port = 3000; port < 3005; port++) {
            Snapshot snapshot = next(results).snapshot().orElseThrow();
            assertThat(snapshot.listeners()).singleElement().satisfies(l -> {
                assertThat(l.port()).isEqualTo(snapshot.listeners().get(0).port());
                assertThat(l.owner().orElseThrow().commandLine()).isEqualTo("node server.js");
            });
        }
        assertThat(feed.sessionsOpened()).isEqualTo(1);
        assertThat(opened).isEmpty();
    }

    @Test
    void aDroppedHostKeepsItsReasonAndTimeAndReconnects() throws Exception {
        startFeed();
        FakeSession first = next(opened);
        first.send(new RemoteMessage.Hello(RemoteMessage.PROTOCOL, "test"));
        first.send(scan(3000));
        assertThat(next(results).snapshot()).isPresent();

        first.drop();

        HostStatus down = nextDown();
        assertThat(down.since()).isEqualTo(NOW);
        assertThat(down.reason()).contains("Lost the SSH session to dev-vm over SSH: Connection to dev-vm closed"
                + " by remote host.");
        assertThat(down.nextTry()).contains(NOW.plus(FIRST));
        assertThat(next(results).error()).isEqualTo(down.reason());
        assertThat(first.closed).isTrue();

        FakeSession second = next(opened);
        second.send(new RemoteMessage.Hello(RemoteMessage.PROTOCOL, "test"));
        second.send(scan(3001));
        assertThat(next(results).snapshot().orElseThrow().listeners().get(0).port()).isEqualTo(3001);
        assertThat(feed.sessionsOpened()).isEqualTo(2);
    }

    @Test
    void failuresBeforeTheHelloBackOffDoublingEachTime() throws Exception {
        startFeed();
        for (long expected : new long[] {50, 100, 200}) {
            next(opened).drop();
            HostStatus status = nextDown();
            assertThat(status.reason().orElseThrow()).startsWith("Could not reach dev-vm over SSH");
            assertThat(Duration.between(status.since(), status.nextTry().orElseThrow()).toMillis())
                    .isEqualTo(expected);
        }
    }

    @Test
    void aMalformedStreamIsADropWithOneSentence() throws Exception {
        startFeed();
        FakeSession session = next(opened);
        session.send(new RemoteMessage.Hello(RemoteMessage.PROTOCOL, "test"));
        session.sendRaw("{\"type\":\"scan\",\"snapshot\":{\"takenAt\":\"2026-11-30T00:00:00Z\",\"sockets\":"
                + "[{\"protocol\":\"TCP\",\"ipVersion\":\"V4\",\"address\":\"127.0.0.1\",\"port\":99999,"
                + "\"state\":\"LISTEN\"}]}}");

        assertThat(nextDown().reason().orElseThrow())
                .isEqualTo("dev-vm sent an invalid scan (port out of range: 99999).");
    }

    @Test
    void pauseIntervalAndRefreshTravelOnTheSameSession() throws Exception {
        startFeed();
        FakeSession session = next(opened);
        session.send(new RemoteMessage.Hello(RemoteMessage.PROTOCOL, "test"));
        assertThat(session.received()).isInstanceOf(RemoteMessage.Stream.class);
        session.send(scan(3000));
        next(results);

        feed.pause();
        assertThat(session.received()).isEqualTo(new RemoteMessage.Control(1000, true, false));
        feed.setInterval(Duration.ofSeconds(3));
        assertThat(session.received()).isEqualTo(new RemoteMessage.Control(3000, true, false));
        feed.refreshNow();
        assertThat(session.received()).isEqualTo(new RemoteMessage.Control(3000, true, true));
        feed.start();
        assertThat(session.received()).isEqualTo(new RemoteMessage.Control(3000, false, false));
        assertThat(feed.sessionsOpened()).isEqualTo(1);
    }
}
