package dev.portwatch.ui.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portwatch.core.actions.CloseService;
import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.actions.RebindService;
import dev.portwatch.core.format.Json;
import dev.portwatch.core.helper.HelperReply;
import dev.portwatch.core.helper.HelperServer;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.Listener;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import dev.portwatch.model.TcpConnection;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.os.TcpConnections;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.Children.Child;
import dev.portwatch.testing.Commands;
import dev.portwatch.testing.EchoClients;
import dev.portwatch.testing.LiveScans;
import dev.portwatch.testing.Unprivileged;
import dev.portwatch.ui.tasks.UiTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import static dev.portwatch.testing.EchoClients.assertReset;
import static dev.portwatch.testing.EchoClients.echo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every branch of Close connections and Disconnect debugger in plain JUnit: both halves of each task on this thread,
 * the dialogs a recording fake, and real servers, clients and kernel closes checked through the sockets and a scan
 * afterwards. The normal user's refusal is the kernel's own, to a close request made as {@code nobody}.
 */
class CloseConnectionsFlowTest {

    private static final SocketScanner SCANNER = Scanners.create();
    private static final byte[] HANDSHAKE = "JDWP-Handshake".getBytes(StandardCharsets.US_ASCII);

    private final Children children = new Children();
    private final RecordingPrompts prompts = new RecordingPrompts();
    private final AtomicInteger rescans = new AtomicInteger();
    private final List<Socket> clients = new ArrayList<>();
    private Optional<ElevatedClose> helper = Optional.empty();
    @TempDir
    Path dir;

    @BeforeEach
    void needsNetlink() {
        assumeTrue(Scanners.connections().isPresent(), "needs Linux netlink sock_diag");
    }

    @AfterEach
    void cleanUp() throws IOException {
        for (Socket client : clients) {
            client.close();
        }
        children.close();
    }

    private ActionsViewModel model(TcpConnections connections) {
        var killer = new KillService(SCANNER, Scanners.processes());
        return new ActionsViewModel(killer, new RebindService(killer, dir), UiTasks.direct(), prompts,
                CloseConnectionsFlowTest::scan, rescans::incrementAndGet, Optional.of(new CloseService(connections)),
                () -> helper);
    }

    private static TcpConnections kernel() {
        return Scanners.connections().orElseThrow();
    }

    @Test
    void closeConnectionsClosesEveryAcceptedConnectionAndTheListenerStays() throws Exception {
        Child server = children.startServer("--hold");
        Socket first = connect(server.port());
        Socket second = connect(server.port());
        Listener listener = listenerOf(server);
        prompts.closeAnswer = true;
        ActionsViewModel model = model(kernel());
        PortAction close = action(model, "closeConnections");
        assertThat(close.enabledFor().test(listener)).isTrue();

        close.run().accept(listener);

        assertThat(prompts.first("confirmClose")).hasValue("confirmClose Close these 2 connections of "
                + listener.local() + "? n=2");
        assertThat(prompts.first("inform INFO")).hasValue("inform INFO Close connections on " + server.port());
        assertThat(prompts.told).containsExactly("Closed 2 connections on port " + server.port()
                + "; the listener keeps listening.");
        assertReset(first);
        assertReset(second);
        assertThat(rescans).hasValue(1);
        // The server keeps listening and serves a new client.
        assertThat(echo(connect(server.port()), "again")).isEqualTo("echo again");
        assertThat(server.process().isAlive()).isTrue();
    }

    @Test
    void cancellingClosesNothing() throws Exception {
        Child server = children.startServer("--hold");
        Socket client = connect(server.port());
        prompts.closeAnswer = false;

        action(model(kernel()), "closeConnections").run().accept(listenerOf(server));
        assertThat(model(kernel()).closeConnections(listenerOf(server), kernel().established(server.port())))
                .as("cancelled").isFalse();
        prompts.seen.remove(1);

        assertThat(prompts.seen).singleElement().asString().startsWith("confirmClose");
        assertThat(echo(client, "still")).isEqualTo("echo still");
        assertThat(rescans).hasValue(0);
    }

    @Test
    void closingOneSelectedConnectionLeavesTheOthers() throws Exception {
        Child server = children.startServer("--hold");
        Socket chosen = connect(server.port());
        Socket other = connect(server.port());
        Listener listener = listenerOf(server);
        TcpConnection target = kernel().established(server.port()).stream()
                .filter(c -> c.remote().port() == chosen.getLocalPort()).findFirst().orElseThrow();
        prompts.closeAnswer = true;

        boolean underWay = model(kernel()).closeConnections(listener, List.of(target));

        assertThat(underWay).as("confirmed").isTrue();
        assertThat(prompts.closeAsked).containsExactly(target);
        assertThat(prompts.first("confirmClose")).hasValueSatisfying(s -> assertThat(s).contains("this connection"));
        assertReset(chosen);
        assertThat(echo(other, "kept")).isEqualTo("echo kept");
    }

    @Test
    void aNormalUserIsToldWhyAndOfferedTheElevatedCommandAndNothingCloses() throws Exception {
        assumeTrue(Unprivileged.available(), "needs root and setpriv to close as nobody");
        Child server = children.startServer("--hold");
        Socket client = connect(server.port());
        Listener listener = listenerOf(server);
        prompts.closeAnswer = true;
        prompts.copyCommandAnswer = true;

        model(asNobody()).closeConnections(listener, kernel().established(server.port()));

        String command = "portwatch close " + server.port() + " --remote 127.0.0.1:" + client.getLocalPort()
                + " --elevate";
        assertThat(prompts.first("failure")).hasValueSatisfying(failure -> assertThat(failure)
                .contains("needs the CAP_NET_ADMIN capability", "nothing was closed", "Show all owners",
                        "[" + command + "]")
                .doesNotContain("Exception"));
        assertThat(prompts.copied).containsExactly(command);
        assertThat(echo(client, "untouched")).isEqualTo("echo untouched");
    }

    @Test
    void aNormalUserWithTheHelperRunningClosesThroughItsCloseConnectionsRequest() throws Exception {
        assumeTrue(Unprivileged.available(), "needs root and setpriv to close as nobody");
        Child server = children.startServer("--hold");
        Socket client = connect(server.port());
        Socket other = connect(server.port());
        Listener listener = listenerOf(server);
        List<String> requests = new ArrayList<>();
        helper = Optional.of((port, remote) -> {
            requests.add(port + " " + remote.map(Endpoint::toString).orElse("all"));
            return helperServer(port, remote);
        });
        prompts.closeAnswer = true;
        TcpConnection target = kernel().established(server.port()).stream()
                .filter(c -> c.remote().port() == client.getLocalPort()).findFirst().orElseThrow();

        model(asNobody()).closeConnections(listener, List.of(target));

        assertThat(requests).containsExactly(server.port() + " 127.0.0.1:" + client.getLocalPort());
        assertThat(prompts.first("inform INFO")).hasValueSatisfying(s -> assertThat(s)
                .contains("through the privileged helper"));
        assertThat(prompts.first("failure")).isEmpty();
        assertReset(client);
        assertThat(echo(other, "kept")).isEqualTo("echo kept");
        assertThat(rescans).hasValue(1);
    }

    @Test
    void aKernelWithoutSockDestroyIsNamedAndNoCommandOffered() throws Exception {
        Child server = children.startServer("--hold");
        Socket client = connect(server.port());
        prompts.closeAnswer = true;
        // No kernel at hand lacks CONFIG_INET_DIAG_DESTROY, so this one answer is scripted; the listing is real.
        TcpConnections unsupported = closingWith(TcpConnections.CloseResult.UNSUPPORTED);

        action(model(unsupported), "closeConnections").run().accept(listenerOf(server));

        assertThat(prompts.first("failure")).hasValueSatisfying(s -> assertThat(s)
                .contains("CONFIG_INET_DIAG_DESTROY", "nothing was closed").doesNotContain("["));
        assertThat(echo(client, "untouched")).isEqualTo("echo untouched");
    }

    @Test
    void aListenerWithoutConnectionsSaysSoAndAReadFailureIsOneSentence() throws Exception {
        Child server = children.startServer("--hold");
        Listener listener = listenerOf(server);

        action(model(kernel()), "closeConnections").run().accept(listener);
        assertThat(prompts.seen).containsExactly("inform WARNING No connection to close");

        prompts.seen.clear();
        TcpConnections failing = new TcpConnections() {
            @Override
            public List<TcpConnection> established(int localPort) throws ScanException {
                throw new ScanException("netlink answered EINVAL", new IOException("EINVAL"));
            }

            @Override
            public CloseResult close(TcpConnection connection) {
                throw new AssertionError("nothing may be closed");
            }
        };
        action(model(failing), "closeConnections").run().accept(listener);
        assertThat(prompts.seen).singleElement().asString()
                .startsWith("failure Could not read the connections of " + listener.local())
                .contains("netlink answered EINVAL");
    }

    @Test
    void closeAndDisconnectApplyOnlyWhereTheyCan() throws Exception {
        Child server = children.startServer("--hold");
        connect(server.port());
        Snapshot snapshot = scan();
        Listener listener = listenerOf(server);
        Listener connection = snapshot.listeners().stream().filter(l -> l.port() == server.port()
                && l.state() == SocketState.ESTABLISHED).findFirst().orElseThrow();
        ActionsViewModel model = model(kernel());

        assertThat(action(model, "closeConnections").enabledFor().test(listener)).isTrue();
        assertThat(action(model, "closeConnections").enabledFor().test(connection)).isFalse();
        // A plain server's connection is no debugger session.
        assertThat(action(model, "disconnectDebugger").enabledFor().test(connection)).isFalse();
        assertThat(model.connectionCommands().isDebuggerSession(connection)).isFalse();
        // Where connections can't be closed, neither action is offered.
        var killer = new KillService(SCANNER, Scanners.processes());
        var without = new ActionsViewModel(killer, new RebindService(killer, dir), UiTasks.direct(), prompts,
                CloseConnectionsFlowTest::scan, rescans::incrementAndGet);
        assertThat(action(without, "closeConnections").enabledFor().test(listener)).isFalse();
    }

    @Test
    void disconnectDebuggerResetsTheDebuggerAndTheJvmListensAgain() throws Exception {
        int port = Children.freeLoopbackPort();
        Child jvm = children.startServer(List.of(Children.jdwpAgent(port)), Map.of(), null,
                "--bind", "127.0.0.1");
        awaitScan(s -> s.listeners().stream().anyMatch(l -> l.port() == port && l.state() == SocketState.LISTEN));
        var debugger = new Socket(InetAddress.getLoopbackAddress(), port);
        clients.add(debugger);
        debugger.setSoTimeout(10_000);
        debugger.getOutputStream().write(HANDSHAKE);
        assertThat(debugger.getInputStream().readNBytes(HANDSHAKE.length)).isEqualTo(HANDSHAKE);
        Snapshot attached = awaitScan(s -> s.listeners().stream().noneMatch(l -> l.port() == port
                && l.state().isListening()));
        Listener session = attached.listeners().stream().filter(l -> l.port() == port
                && l.state() == SocketState.ESTABLISHED && l.pid().orElse(0) == jvm.pid()).findFirst().orElseThrow();
        ActionsViewModel model = model(kernel());
        PortAction disconnect = action(model, "disconnectDebugger");
        assertThat(disconnect.enabledFor().test(session)).isTrue();
        assertThat(model.connectionCommands().isDebuggerSession(session)).isTrue();
        prompts.closeAnswer = true;

        disconnect.run().accept(session);

        assertThat(prompts.first("confirmClose")).hasValueSatisfying(s -> assertThat(s)
                .contains("Disconnect the debugger at 127.0.0.1:" + debugger.getLocalPort(),
                        "java (pid " + jvm.pid() + ")"));
        assertThat(prompts.told).singleElement().asString().contains("keeps running",
                "listens on " + port + " again");
        assertReset(debugger);
        assertThat(jvm.process().isAlive()).isTrue();
        // The agent listens again: the scanner and ss both see it.
        Snapshot after = awaitScan(s -> s.listeners().stream().anyMatch(l -> l.port() == port
                && l.state() == SocketState.LISTEN && l.pid().orElse(0) == jvm.pid()));
        assertThat(after.listeners()).anyMatch(l -> l.port() == port && l.state() == SocketState.LISTEN
                && l.pid().orElse(0) == jvm.pid());
        Commands.Result ss = Commands.run(List.of("ss", "-Hltnp", "sport = :" + port));
        assertThat(ss.stdout()).contains("127.0.0.1:" + port, "pid=" + jvm.pid());
        // And a new debugger can attach.
        try (var again = new Socket(InetAddress.getLoopbackAddress(), port)) {
            again.setSoTimeout(10_000);
            again.getOutputStream().write(HANDSHAKE);
            assertThat(again.getInputStream().readNBytes(HANDSHAKE.length)).isEqualTo(HANDSHAKE);
        }
    }

    /** Reads through the kernel as root and closes as {@code nobody}, through a real {@code portwatch close}. */
    private TcpConnections asNobody() {
        return closingThrough(connection -> {
            try {
                Commands.Result result = Commands.run(Unprivileged.asNobody(Unprivileged.portwatch("close",
                        String.valueOf(connection.local().port()), "--remote", connection.remote().toString(),
                        "--yes", "--json")));
                var json = new ObjectMapper().readTree(result.stdout());
                return TcpConnections.CloseResult.valueOf(json.get("connections").get(0).get("result").asText());
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        });
    }

    /** The real listing, with a scripted answer to every close. */
    private TcpConnections closingWith(TcpConnections.CloseResult answer) {
        return closingThrough(connection -> answer);
    }

    /** The kernel's real listing, with each close answered by {@code close}. */
    private static TcpConnections closingThrough(Function<TcpConnection, TcpConnections.CloseResult> close) {
        TcpConnections kernel = kernel();
        return new TcpConnections() {
            @Override
            public List<TcpConnection> established(int localPort) throws ScanException {
                return kernel.established(localPort);
            }

            @Override
            public CloseResult close(TcpConnection connection) {
                return close.apply(connection);
            }
        };
    }

    /** One close-connections request served by a real helper server (in this root test JVM). */
    private HelperReply helperServer(int port, Optional<Endpoint> remote) {
        try {
            var killer = new KillService(SCANNER, Scanners.processes());
            var server = new HelperServer(SCANNER, Scanners.connections(), killer, new RebindService(killer, dir),
                    Set.of(ProcessHandle.current().pid()), new HelperServer.Caller(Unprivileged.uid(), 1),
                    dir.resolve("audit.log"));
            String line = "{\"type\":\"close-connections\",\"port\":" + port
                    + remote.map(r -> ",\"remote\":\"" + r + "\"").orElse("") + "}\n";
            var out = new ByteArrayOutputStream();
            server.serve(new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8)), out);
            return Json.mapper().readValue(out.toString(StandardCharsets.UTF_8).strip(), HelperReply.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static PortAction action(ActionsViewModel model, String id) {
        return model.actions().stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
    }

    private Socket connect(int port) throws IOException {
        return EchoClients.connect(port, clients);
    }



    private static Listener listenerOf(Child server) throws ScanException, InterruptedException {
        return awaitScan(s -> s.listeners().stream().anyMatch(l -> l.port() == server.port()
                && l.state() == SocketState.LISTEN)).listeners().stream()
                .filter(l -> l.port() == server.port() && l.state() == SocketState.LISTEN
                        && l.pid().orElse(0) == server.pid())
                .findFirst().orElseThrow();
    }

    private static Snapshot scan() {
        try {
            return SCANNER.scan();
        } catch (ScanException e) {
            throw new AssertionError(e);
        }
    }

    private static Snapshot awaitScan(Predicate<Snapshot> condition) throws ScanException, InterruptedException {
        return LiveScans.await(SCANNER, condition, Duration.ofSeconds(10));
    }
}
