package dev.portwatch.core.actions;

import dev.portwatch.model.Snapshot;
import dev.portwatch.os.Scanners;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Probes real ports: a port held on any of the three addresses is never suggested. */
class FreePortFinderTest {

    @Test
    void skipsAPortHeldOnLoopback() throws Exception {
        try (var held = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = held.getLocalPort();
            // An empty snapshot forces a probe: the bind itself must find the port taken.
            var finder = new FreePortFinder(p -> false, Snapshot.empty());

            assertThat(finder.isFree(port)).isFalse();
            int next = finder.nearestAbove(port - 1).orElseThrow();
            assertThat(next).isGreaterThan(port);
            try (var probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), next));
            }
        }
    }

    @Test
    void skipsAPortHeldOnIpv6LoopbackOrTheWildcard() throws Exception {
        var finder = new FreePortFinder(p -> false, Snapshot.empty());
        try (var wildcard = new ServerSocket(0)) {
            assertThat(finder.isFree(wildcard.getLocalPort())).isFalse();
        }
        ServerSocket v6;
        try {
            v6 = new ServerSocket(0, 50, InetAddress.getByName("::1"));
        } catch (IOException e) {
            return; // no IPv6 on this machine: nothing more to check
        }
        try (v6) {
            assertThat(finder.isFree(v6.getLocalPort())).isFalse();
        }
    }

    @Test
    void skipsExcludedPortsAndPortsSeenInTheScan() throws Exception {
        try (var held = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = held.getLocalPort();
            Snapshot seen = Scanners.create().scan();
            var finder = new FreePortFinder(p -> p == port + 1, seen);

            assertThat(finder.isFree(port)).isFalse();
            assertThat(finder.isFree(port + 1)).isFalse();
            assertThat(finder.near(port, 3)).doesNotContain(port, port + 1).hasSize(3).isSorted();
        }
    }

    @Test
    void rejectsBadInput() {
        var finder = new FreePortFinder(p -> false, Snapshot.empty());
        assertThatThrownBy(() -> finder.near(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> finder.near(80, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> finder.isFree(65_536)).isInstanceOf(IllegalArgumentException.class);
        assertThat(finder.nearestAbove(65_535)).isEmpty();
    }
}
