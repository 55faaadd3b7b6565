package dev.portwatch.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real loopback clients of a {@link ChildServer} that echoes each line as {@code "echo LINE"}. */
public final class EchoClients {

    private EchoClients() {
    }

    /**
     * Connects to 127.0.0.1:{@code port}, adds the socket to {@code opened} (the test closes those afterwards) and
     * makes one round trip, so the server has accepted this connection before the test acts on it.
     */
    public static Socket connect(int port, List<Socket> opened) throws IOException {
        var socket = new Socket();
        opened.add(socket);
        socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 5_000);
        socket.setSoTimeout(10_000);
        assertThat(echo(socket, "hello")).isEqualTo("echo hello");
        return socket;
    }

    /** Sends one line and returns the server's answer. */
    public static String echo(Socket socket, String line) throws IOException {
        socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
    }

    /** Asserts the peer reset this connection (what a kernel close through SOCK_DESTROY looks like to a client). */
    public static void assertReset(Socket socket) {
        assertThatThrownBy(() -> socket.getInputStream().read())
                .isInstanceOf(SocketException.class)
                .hasMessageContaining("reset");
    }
}
