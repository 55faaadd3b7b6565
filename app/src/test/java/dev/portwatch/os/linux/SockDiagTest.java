package dev.portwatch.os.linux;

import dev.portwatch.model.Protocol;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The netlink dump with real sockets: TCP listeners and connections come from the kernel when the activity says they
 * may have changed, and from the dump before otherwise; the first dump asks for everything.
 */
class SockDiagTest {

    private static final int LISTEN = 10;
    private static final int ESTABLISHED = 1;

    private final AtomicReference<TcpActivity.Change> change = new AtomicReference<>(TcpActivity.Change.NONE);

    @Test
    void connectionsComeFromTheKernelOnlyWhenTheyMayHaveChanged() throws IOException {
        try (SockDiag diag = open(); var server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            assertThat(states(diag, port)).as("the first dump, whatever the activity says").containsExactly(LISTEN);
            assertThat(diag.connectionWalks()).isEqualTo(1);

            change.set(TcpActivity.Change.LISTENERS);
            try (var client = new Socket(InetAddress.getLoopbackAddress(), port); var accepted = server.accept();
                    var second = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
                assertThat(states(diag, port)).as("the connections of the dump before").containsExactly(LISTEN);
                assertThat(states(diag, second.getLocalPort())).as("a new listener").containsExactly(LISTEN);
                assertThat(diag.connectionWalks()).isEqualTo(1);

                change.set(TcpActivity.Change.ALL);
                assertThat(states(diag, port)).as("both ends of the connection and the listener")
                        .containsExactlyInAnyOrder(LISTEN, ESTABLISHED, ESTABLISHED);
                assertThat(diag.connectionWalks()).isEqualTo(2);

                change.set(TcpActivity.Change.LISTENERS);
                assertThat(states(diag, port)).as("reused, with the listener fresh")
                        .containsExactlyInAnyOrder(LISTEN, ESTABLISHED, ESTABLISHED);
            }
        }
    }

    @Test
    void nothingTcpComesFromTheKernelWhileNothingMoved() throws IOException {
        try (SockDiag diag = open(); var server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            assertThat(states(diag, server.getLocalPort())).containsExactly(LISTEN);
            long listenerDumps = diag.listenerDumps();

            try (var second = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
                assertThat(states(diag, second.getLocalPort())).as("the listeners of the dump before").isEmpty();
                assertThat(states(diag, server.getLocalPort())).containsExactly(LISTEN);
                assertThat(diag.listenerDumps()).isEqualTo(listenerDumps);

                change.set(TcpActivity.Change.ALL);
                assertThat(states(diag, second.getLocalPort())).containsExactly(LISTEN);
                assertThat(diag.listenerDumps()).isEqualTo(listenerDumps + 1);
            }
        }
    }

    private SockDiag open() throws IOException {
        try {
            return SockDiag.open(change::get);
        } catch (IOException e) {
            assumeTrue(false, "netlink sock_diag is not available: " + e.getMessage());
            throw e;
        }
    }

    /** The TCP states of the records on {@code port} (local or remote) of one dump, as the kernel numbers them. */
    private static List<Integer> states(SockDiag diag, int port) throws IOException {
        int count = diag.dump();
        ByteBuffer records = ByteBuffer.wrap(diag.records());
        List<Integer> states = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = i * SockDiag.RECORD;
            SocketTable table = SocketTable.ofOrdinal(records.get(at));
            int local = records.getShort(at + 2) & 0xFFFF;
            int remote = records.getShort(at + 4) & 0xFFFF;
            if (table.protocol() == Protocol.TCP && (local == port || remote == port)) {
                states.add(records.get(at + 1) & 0xFF);
            }
        }
        return states;
    }
}
