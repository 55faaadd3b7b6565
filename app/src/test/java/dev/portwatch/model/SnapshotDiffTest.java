package dev.portwatch.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SnapshotDiffTest {

    static Listener tcp(String address, int port, int pid, String name) {
        var owner = new ProcessInfo(pid, name, "dev", name + " --port " + port, List.of(name, "--port",
                String.valueOf(port)), Optional.of(Instant.ofEpochSecond(1_700_000_000L)), 1);
        return new Listener(Protocol.TCP, address.contains(":") ? IpVersion.V6 : IpVersion.V4,
                new Endpoint(address, port), Optional.empty(), SocketState.LISTEN, Optional.of(owner));
    }

    @Test
    void identicalListsGiveAnEmptyDiff() {
        var listeners = List.of(tcp("127.0.0.1", 8080, 10, "java"), tcp("::1", 8080, 10, "java"));

        SnapshotDiff diff = SnapshotDiff.between(listeners, List.copyOf(listeners));

        assertThat(diff.isEmpty()).isTrue();
    }

    @Test
    void reportsAddedRemovedAndChangedByKey() {
        Listener kept = tcp("127.0.0.1", 8080, 10, "java");
        Listener closed = tcp("0.0.0.0", 5432, 20, "postgres");
        Listener renamedBefore = tcp("127.0.0.1", 62893, 30, "java");
        Listener renamedAfter = tcp("127.0.0.1", 62893, 30, "idea");
        Listener opened = tcp("::1", 3000, 40, "node");

        SnapshotDiff diff = SnapshotDiff.between(List.of(kept, closed, renamedBefore),
                List.of(kept, renamedAfter, opened));

        assertThat(diff.added()).containsExactly(opened);
        assertThat(diff.removed()).containsExactly(closed);
        assertThat(diff.changed()).containsExactly(renamedAfter);
    }

    @Test
    void sameAddressAndPortWithAnotherOwnerIsANewSocket() {
        Listener before = tcp("127.0.0.1", 8080, 10, "java");
        Listener after = tcp("127.0.0.1", 8080, 11, "java");

        SnapshotDiff diff = SnapshotDiff.between(List.of(before), List.of(after));

        assertThat(diff.added()).containsExactly(after);
        assertThat(diff.removed()).containsExactly(before);
        assertThat(diff.changed()).isEmpty();
    }

    @Test
    void tcpAndUdpOnTheSamePortAreDifferentSockets() {
        Listener tcp = tcp("127.0.0.1", 5353, 10, "mdns");
        Listener udp = new Listener(Protocol.UDP, IpVersion.V4, tcp.local(), Optional.empty(), SocketState.BOUND,
                tcp.owner());

        SnapshotDiff diff = SnapshotDiff.between(List.of(tcp), List.of(tcp, udp));

        assertThat(diff.added()).containsExactly(udp);
        assertThat(diff.removed()).isEmpty();
    }
}
