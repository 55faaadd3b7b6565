package dev.portwatch.os.oshi;

import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import dev.portwatch.os.ScanException;
import dev.portwatch.testing.Children;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Opens real sockets in this JVM and in child processes, and finds them through OSHI. */
class OshiSocketScannerTest {

    private static final int SELF = (int) ProcessHandle.current().pid();

    private final OshiProcessReader processes = new OshiProcessReader();
    private final OshiSocketScanner scanner = new OshiSocketScanner(processes);

    private Optional<Listener> find(Protocol protocol, String address, int port) throws ScanException {
        Snapshot snapshot = scanner.scan();
        return snapshot.listeners().stream()
                .filter(l -> l.protocol() == protocol && l.address().equals(address) && l.port() == port
                        && l.state().isListening())
                .findFirst();
    }

    private void assertFoundThenGone(ServerSocket server, String address) throws Exception {
        int port = server.getLocalPort();
        Listener found = find(Protocol.TCP, address, port).orElseThrow(
                () -> new AssertionError("no TCP listener on " + address + ":" + port));
        assertThat(found.state()).isEqualTo(SocketState.LISTEN);
        assertThat(found.pid()).hasValue(SELF);
        assertThat(found.owner().orElseThrow().name()).isEqualTo("java");
        assertThat(found.owner().orElseThrow().startTime()).isPresent();

        server.close();

        assertThat(find(Protocol.TCP, address, port)).isEmpty();
    }

    private static ServerSocket listen(String address) throws IOException {
        var server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        return server;
    }

    @Test
    void findsTcpOnIpv4LoopbackWithThisPid() throws Exception {
        assertFoundThenGone(listen("127.0.0.1"), "127.0.0.1");
    }

    @Test
    void findsTcpOnIpv6Loopback() throws Exception {
        ServerSocket server;
        try {
            server = listen("::1");
        } catch (IOException e) {
            Assumptions.abort("IPv6 loopback is unavailable on this machine: " + e.getMessage());
            return;
        }
        assertFoundThenGone(server, "::1");
    }

    @Test
    void findsJavasDualStackWildcardAsIpv6Any() throws Exception {
        // Java binds 0.0.0.0 on a dual-stack IPv6 socket, which the kernel reports as [::].
        assertFoundThenGone(listen("0.0.0.0"), "::");
    }

    @Test
    void findsAPlainIpv4WildcardListenerOfAChild() throws Exception {
        int port;
        try (var children = new Children()) {
            Children.Child child = children.startServer("--ipv4-only", "--bind", "0.0.0.0");
            port = child.port();

            Listener found = find(Protocol.TCP, "0.0.0.0", port).orElseThrow();
            assertThat(found.pid()).hasValue((int) child.pid());
            assertThat(found.ipVersion()).isEqualTo(IpVersion.V4);
            assertThat(found.isLocalhostReachable()).isTrue();
        }
        assertThat(find(Protocol.TCP, "0.0.0.0", port)).isEmpty();
    }

    @Test
    void findsAnUnconnectedUdpSocketAsBound() throws Exception {
        var socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        int port = socket.getLocalPort();

        Listener found = find(Protocol.UDP, "127.0.0.1", port).orElseThrow();
        assertThat(found.state()).isEqualTo(SocketState.BOUND);
        assertThat(found.pid()).hasValue(SELF);

        socket.close();
        assertThat(find(Protocol.UDP, "127.0.0.1", port)).isEmpty();
    }

    @Test
    void reportsAChildProcessWithItsPidAndCommandLine() throws Exception {
        try (var children = new Children()) {
            Children.Child child = children.startServer("--bind", "127.0.0.1", "--label", "scanner-test");

            Listener found = find(Protocol.TCP, "127.0.0.1", child.port()).orElseThrow();

            assertThat(found.pid()).hasValue((int) child.pid());
            var owner = found.owner().orElseThrow();
            assertThat(owner.commandLine()).contains("dev.portwatch.testing.ChildServer")
                    .contains("--label scanner-test");
            assertThat(owner.arguments()).contains("--label", "scanner-test");
            assertThat(owner.parentPid()).isEqualTo(SELF);
        }
    }

    @Test
    void readsProcessDetailsAndChildren() throws Exception {
        try (var children = new Children()) {
            Children.Child child = children.startServer("--children", "1");

            var details = processes.process((int) child.pid()).orElseThrow();
            assertThat(details.workingDirectory()).isNotEmpty();
            assertThat(details.environment()).containsKey("PATH");
            List<Integer> kids = processes.children((int) child.pid()).stream().map(p -> p.pid()).toList();
            assertThat(kids).hasSize(1);
        }
        assertThat(processes.process(-5)).isEmpty();
    }
}
