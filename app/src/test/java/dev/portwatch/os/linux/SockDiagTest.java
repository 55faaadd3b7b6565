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
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The netlink dump with real sockets: listeners come from the kernel every dump, connections only when the gate says
 * they may have changed, and from the dump before otherwise.
 */
class SockDiagTest {

    private static final int LISTEN = 10;
    private static final int ESTABLISHED = 1;

    @Test
    void connectionsComeFromTheKernelOnlyWhenTheGateOpens() throws IOException {
        var gate = new AtomicBoolean(true);
        SockDiag diag;
        try {
            diag = SockDiag.open(gate::get);
        } catch (IOException e) {
            assumeTrue(false, "netlink sock_diag is not available: " + e.getMessage());
            return;
        }
        try (diag; var server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            assertThat(states(diag, port)).containsExactly(LISTEN);
            assertThat(diag.connectionWalks()).isEqualTo(1);

            gate.set(false);
            try (var client = new Socket(InetAddress.getLoopbackAddress(), port); var accepted = server.accept()) {
                var second = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                try (second) {
                    assertThat(states(diag, port)).as("the connections of the dump before").containsExactly(LISTEN);
                    assertThat(states(diag, second.getLocalPort())).as("a new listener, every dump")
                            .containsExactly(LISTEN);
                    assertThat(diag.connectionWalks()).isEqualTo(1);

                    gate.set(true);
                    assertThat(states(diag, port)).as("both ends of the connection and the listener")
                            .containsExactlyInAnyOrder(LISTEN, ESTABLISHED, ESTABLISHED);
                    assertThat(diag.connectionWalks()).isEqualTo(2);

                    gate.set(false);
                    assertThat(states(diag, port)).as("reused, with the listener fresh")
                            .containsExactlyInAnyOrder(LISTEN, ESTABLISHED, ESTABLISHED);
                }
            }
        }
    }

    /** The TCP states of the records on {@code port} (local or remote) of one dump, as the kernel numbers them. */
    private static List<Integer> states(SockDiag diag, int port) throws IOException {
        int count = diag.dump();
        ByteBuffer records = ByteBuffer.wrap(diag.records());
        var states = new ArrayList<Integer>();
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
