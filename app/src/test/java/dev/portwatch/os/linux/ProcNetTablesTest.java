package dev.portwatch.os.linux;

import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketState;
import dev.portwatch.os.ScanException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parses {@code /proc/net} text tables written into a temporary directory, as the kernel prints them. */
class ProcNetTablesTest {

    private static final String HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
            + "   uid  timeout inode\n";

    @Test
    void readsEveryTableAndParsesAddressesPortsStatesAndInodes(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("net"));
        // 127.0.0.1:8080 listening (state 0A), and an established 127.0.0.1:40000 -> 127.0.0.1:8080 (state 01).
        write(proc, "tcp", "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000"
                + "        0 4242 1 0000000000000000 100 0 0 10 0\n"
                + "   1: 0100007F:9C40 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000"
                + "        0 4343 1 0000000000000000 20 4 30 10 -1\n");
        // [::1]:5353 UDP, unconnected.
        write(proc, "udp6", "  7: 00000000000000000000000001000000:14E9 00000000000000000000000000000000:0000 07"
                + " 00000000:00000000 00:00000000 00000000  1000        0 777 2 0000000000000000 0\n");
        var tables = new ProcNetTables(proc, new HashMap<>());
        List<SocketLine> lines = new ArrayList<>();

        tables.read(lines);

        assertThat(lines).extracting(SocketLine::table).containsExactly(SocketTable.TCP, SocketTable.TCP,
                SocketTable.UDP6);
        assertThat(lines).extracting(SocketLine::inode).containsExactly(4242L, 4343L, 777L);
        List<Listener> sockets = lines.stream().map(line -> tables.parse(line, Optional.empty())).toList();
        assertThat(sockets.get(0)).isEqualTo(new Listener(Protocol.TCP, IpVersion.V4, new Endpoint("127.0.0.1", 8080),
                Optional.empty(), SocketState.LISTEN, Optional.empty()));
        assertThat(sockets.get(1).state()).isEqualTo(SocketState.ESTABLISHED);
        assertThat(sockets.get(1).remote()).contains(new Endpoint("127.0.0.1", 8080));
        assertThat(sockets.get(2)).isEqualTo(new Listener(Protocol.UDP, IpVersion.V6, new Endpoint("::1", 5353),
                Optional.empty(), SocketState.BOUND, Optional.empty()));
    }

    @Test
    void onlyTheIpv4TcpTableMustExist(@TempDir Path proc) throws IOException {
        Files.createDirectories(proc.resolve("net"));
        var tables = new ProcNetTables(proc, new HashMap<>());

        assertThatThrownBy(() -> tables.read(new ArrayList<>())).isInstanceOf(ScanException.class)
                .hasMessageContaining("tcp");

        write(proc, "tcp", "");
        List<SocketLine> lines = new ArrayList<>();
        try {
            tables.read(lines);
        } catch (ScanException e) {
            throw new AssertionError("missing tcp6/udp/udp6 must be fine", e);
        }
        assertThat(lines).isEmpty();
    }

    private static void write(Path proc, String table, String body) throws IOException {
        Files.writeString(proc.resolve("net").resolve(table), HEADER + body);
    }
}
