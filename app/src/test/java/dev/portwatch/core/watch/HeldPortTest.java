package dev.portwatch.core.watch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portwatch.cli.PortwatchCommand;
import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.format.Json;
import dev.portwatch.model.Listener;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import dev.portwatch.model.WatchRule;
import dev.portwatch.model.WatchState;
import dev.portwatch.model.WatchStatus;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.OsWiring;
import dev.portwatch.ui.vm.WatchViewModel;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A port is held until a plain bind would succeed: real sockets of real processes, read by the real scanner. The
 * case the product is named for: a JVM debug agent with a debugger attached closes its listening socket and keeps
 * the session's socket on the same local port.
 */
class HeldPortTest {

    private static final SocketScanner SCANNER = Scanners.create();
    private static final byte[] HANDSHAKE = "JDWP-Handshake".getBytes(StandardCharsets.US_ASCII);
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void aJdwpAgentWithADebuggerAttachedHoldsItsPortAndIsNamedEverywhere() throws Exception {
        int port = freePortBelowEphemeralRange();
        try (var children = new Children()) {
            var jvm = children.startServer(List.of(Children.jdwpAgent(port)), Map.of(), null, "--bind", "127.0.0.1");
            awaitScan(s -> s.listeners().stream().anyMatch(l -> l.port() == port && l.state() == SocketState.LISTEN));

            try (var debugger = new Socket(LOOPBACK, port)) {
                debugger.getOutputStream().write(HANDSHAKE);
                assertThat(readFully(debugger.getInputStream(), HANDSHAKE.length)).isEqualTo(HANDSHAKE);
                // The agent closes its listener once a debugger is attached.
                Snapshot snapshot = awaitScan(s -> s.listeners().stream().noneMatch(l -> l.port() == port
                        && l.state().isListening()));
                String peer = "127.0.0.1:" + debugger.getLocalPort();

                assertThat(plainBindFails(port)).as("a plain bind of %d", port).isTrue();

                // The state function and the window's watch entry (its view model renders these reasons).
                WatchRule rule = WatchRule.tcp(PortRange.of(port));
                WatchStatus status = WatchEvaluator.evaluate(snapshot, List.of(rule)).get(0);
                assertThat(status.state()).isEqualTo(WatchState.IN_USE);
                assertThat(status.holders()).extracting(l -> (long) l.pid().orElse(0)).containsExactly(jvm.pid());
                assertThat(status.reasons()).anySatisfy(reason -> assertThat(reason).contains(
                        "java (pid " + jvm.pid() + ")", "debugger attached from " + peer,
                        "the agent listens again when it detaches"));
                var window = new WatchViewModel(new SimpleObjectProperty<>(snapshot), List.of(rule), List.of(),
                        rules -> { });
                assertThat(window.statuses().get(0).state()).isEqualTo(WatchState.IN_USE);
                assertThat(String.join("\n", window.statuses().get(0).reasons()))
                        .contains("java (pid " + jvm.pid() + ")", "debugger attached from " + peer);

                // status on the command line
                int code = run("status", "--watch", String.valueOf(port), "--json");
                assertThat(code).as(err.toString()).isZero();
                JsonNode entry = Json.mapper().readTree(out.toString()).get(0);
                assertThat(entry.get("state").asText()).isEqualTo("IN_USE");
                assertThat(entry.get("holders").get(0).get("pid").asLong()).isEqualTo(jvm.pid());
                assertThat(entry.get("holders").get(0).get("remote").asText()).isEqualTo(peer);
                assertThat(entry.get("reasons").toString()).contains("debugger attached from " + peer);

                // kill names the JVM and stops it
                out.getBuffer().setLength(0);
                code = run("kill", String.valueOf(port), "--yes");
                assertThat(out.toString()).as(err.toString()).contains("java (pid " + jvm.pid() + ")",
                        "holds:", "127.0.0.1:" + port + "/tcp", "free now");
                assertThat(code).as(out + "\n" + err).isZero();
                assertThat(Children.reaped(jvm.process())).isTrue();
            }
        }
    }

    @Test
    void rebindMovesAJdwpAgentWhoseDebuggerIsAttached() throws Exception {
        int port = freePortBelowEphemeralRange();
        int target = freePortBelowEphemeralRange();
        Long newPid = null;
        try (var children = new Children()) {
            var jvm = children.startServer(List.of(Children.jdwpAgent(port)), Map.of(), null, "--bind", "127.0.0.1");
            awaitScan(s -> s.listeners().stream().anyMatch(l -> l.port() == port && l.state() == SocketState.LISTEN));
            try (var debugger = new Socket(LOOPBACK, port)) {
                debugger.getOutputStream().write(HANDSHAKE);
                readFully(debugger.getInputStream(), HANDSHAKE.length);
                awaitScan(s -> s.listeners().stream().noneMatch(l -> l.port() == port && l.state().isListening()));

                int code = run("rebind", String.valueOf(port), "--to", String.valueOf(target), "--yes", "--json");
                JsonNode result = Json.mapper().readTree(out.toString());
                if (result.hasNonNull("newPid")) {
                    newPid = result.get("newPid").asLong();
                }

                assertThat(code).as(err + out.toString()).isZero();
                assertThat(result.get("oldPid").asLong()).isEqualTo(jvm.pid());
                assertThat(Children.reaped(jvm.process())).isTrue();
                assertThat(KillService.holders(SCANNER.scan(), target)).extracting(ProcessInfo::pid)
                        .containsExactly(newPid.intValue());
            }
        } finally {
            if (newPid != null) {
                ProcessHandle.of(newPid).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    @Test
    void anAcceptedConnectionThatOutlivesItsListenerHoldsThePort() throws Exception {
        int pid = (int) ProcessHandle.current().pid();
        try (var listener = new ServerSocket(0, 1, LOOPBACK);
                var client = new Socket(LOOPBACK, listener.getLocalPort());
                var accepted = listener.accept()) {
            int port = listener.getLocalPort();
            listener.close();

            Snapshot snapshot = awaitScan(s -> s.listeners().stream().noneMatch(l -> l.port() == port
                    && l.state().isListening()));
            assertThat(plainBindFails(port)).isTrue();

            WatchStatus status = WatchEvaluator.evaluate(snapshot, List.of(WatchRule.tcp(PortRange.of(port)))).get(0);
            assertThat(status.state()).isEqualTo(WatchState.IN_USE);
            assertThat(status.holders()).singleElement().satisfies(holder -> {
                assertThat(holder.pid()).hasValue(pid);
                assertThat(holder.remote())
                        .hasValueSatisfying(r -> assertThat(r.port()).isEqualTo(client.getLocalPort()));
            });
            assertThat(status.reasons()).anySatisfy(reason -> assertThat(reason).contains("(pid " + pid + ")",
                    "through a connection with 127.0.0.1:" + client.getLocalPort(), "ESTABLISHED",
                    "no longer listens"));
            assertThat(KillService.holders(snapshot, port)).extracting(ProcessInfo::pid).containsExactly(pid);
            // The client's own socket (local port ephemeral, peer = port) is not on the port.
            assertThat(KillService.holders(snapshot, client.getLocalPort())).extracting(ProcessInfo::pid)
                    .containsExactly(pid);
        }
    }

    @Test
    void timeWaitLeftoversLingerWithoutAHolderAndSayWhoCanBind() throws Exception {
        int port;
        try (var listener = new ServerSocket(0, 1, LOOPBACK);
                var client = new Socket(LOOPBACK, listener.getLocalPort())) {
            port = listener.getLocalPort();
            // The side that closes first keeps TIME_WAIT: the server's socket, whose local port is the one watched.
            listener.accept().close();
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
        Snapshot snapshot = awaitScan(s -> s.listeners().stream().anyMatch(l -> l.port() == port
                && l.state() == SocketState.TIME_WAIT));
        assertThat(snapshot.listeners().stream().filter(l -> l.port() == port))
                .allSatisfy(l -> assertThat(l.owner()).isEmpty());
        assertThat(plainBindFails(port)).isTrue();
        try (var reusing = new ServerSocket()) {
            reusing.setReuseAddress(true);
            reusing.bind(new InetSocketAddress(LOOPBACK, port));
        }

        WatchStatus status = WatchEvaluator.evaluate(snapshot, List.of(WatchRule.tcp(PortRange.of(port)))).get(0);
        assertThat(status.state()).isEqualTo(WatchState.FREE);
        assertThat(status.holders()).isEmpty();
        assertThat(status.reasons()).anySatisfy(reason -> assertThat(reason).contains("TIME_WAIT", "60 s",
                "SO_REUSEADDR can bind now", "no process owns"));

        int code = run("kill", String.valueOf(port), "--yes");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("nothing holds " + port + ".", "TIME_WAIT");
    }

    private int run(String... args) {
        CommandLine commandLine = PortwatchCommand.commandLine(OsWiring.real(Scanners::create),
                options -> fail("the window must not open"));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** True when a bind without SO_REUSEADDR fails with "Address already in use". */
    static boolean plainBindFails(int port) throws IOException {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return false;
        } catch (BindException e) {
            return true;
        }
    }

    /**
     * A free loopback port below Linux's default ephemeral range (32768+), as real debug ports are (5005, 8000):
     * then the debugger's ephemeral port is above it, as portwatch expects of an accepted connection.
     */
    private static int freePortBelowEphemeralRange() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 30_000);
            if (!plainBindFails(port)) {
                return port;
            }
        }
        throw new IOException("no free port between 20000 and 30000");
    }

    private static Snapshot awaitScan(Predicate<Snapshot> condition) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        Snapshot snapshot = SCANNER.scan();
        while (!condition.test(snapshot)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s; sockets: " + snapshot.listeners().stream()
                        .map(Listener::toString).filter(s -> !s.isEmpty()).limit(50).toList());
            }
            Thread.sleep(50);
            snapshot = SCANNER.scan();
        }
        return snapshot;
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("short read: " + bytes.length + " of " + length);
        }
        return bytes;
    }
}
