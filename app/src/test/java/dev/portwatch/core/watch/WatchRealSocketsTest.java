package dev.portwatch.core.watch;

import dev.portwatch.model.Addresses;
import dev.portwatch.model.Listener;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.WatchRule;
import dev.portwatch.model.WatchState;
import dev.portwatch.model.WatchStatus;
import dev.portwatch.os.Scanners;
import dev.portwatch.testing.Children;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The state function on real sockets of real child processes, read by the real scanner. */
public class WatchRealSocketsTest {

    /** True when this machine can bind {@code ::1}; some containers have IPv6 switched off. */
    public static boolean ipv6LoopbackAvailable() {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void twoProcessesOnLoopbackV4AndV6AreAConflictWithBothHolders() throws Exception {
        assumeTrue(ipv6LoopbackAvailable(), "::1 cannot be bound on this machine (IPv6 disabled)");
        try (var children = new Children()) {
            var v4 = children.startServer("--bind", "127.0.0.1");
            var v6 = children.startServer("--bind", "::1", "--port", String.valueOf(v4.port()));

            WatchStatus status = WatchEvaluator.evaluate(Scanners.create().scan(),
                    List.of(WatchRule.tcp(PortRange.of(v4.port())))).get(0);

            assertThat(status.state()).isEqualTo(WatchState.CONFLICT);
            assertThat(status.exposed()).isFalse();
            assertThat(status.holders()).extracting(Listener::address).containsExactly("127.0.0.1", "::1");
            assertThat(status.holders()).extracting(l -> (long) l.pid().orElse(-1))
                    .containsExactlyInAnyOrder(v4.pid(), v6.pid());
            assertThat(status.reasons().get(0)).contains("2 processes hold " + v4.port() + "/tcp",
                    "localhost:" + v4.port() + " may reach either");

            // With this machine's own resolution of localhost, the sentence names the holder it reaches first.
            LocalhostNames here = LocalhostNames.resolve();
            String first = here.addresses().get(0);
            WatchStatus resolved = WatchEvaluator.evaluate(Scanners.create().scan(),
                    List.of(WatchRule.tcp(PortRange.of(v4.port()))), here).get(0);
            assertThat(resolved.reasons().get(0)).contains("localhost resolves to " + first,
                    "reaches java (pid " + (first.contains(":") ? v6.pid() : v4.pid()) + ") on "
                            + (first.contains(":") ? "::1" : "127.0.0.1") + " first");
        }
    }

    @Test
    void aListenerOnTheWildcardIsExposed() throws Exception {
        try (var children = new Children()) {
            var wild = children.startServer("--bind", "0.0.0.0");

            WatchStatus status = WatchEvaluator.evaluate(Scanners.create().scan(),
                    List.of(WatchRule.tcp(PortRange.of(wild.port())))).get(0);

            assertThat(status.state()).isEqualTo(WatchState.IN_USE);
            assertThat(status.exposed()).isTrue();
            assertThat(status.holders()).singleElement().satisfies(l -> {
                // Java binds 0.0.0.0 as a dual-stack socket, which the OS reports as "::".
                assertThat(Addresses.isWildcard(l.address())).as(l.address()).isTrue();
                assertThat(l.pid()).hasValue((int) wild.pid());
            });
        }
    }

    @Test
    void aLoopbackListenerIsInUseAndNotExposedAndFreeAfterItStops() throws Exception {
        int port;
        try (var children = new Children()) {
            var local = children.startServer("--bind", "127.0.0.1");
            port = local.port();
            WatchStatus status = WatchEvaluator.evaluate(Scanners.create().scan(),
                    List.of(WatchRule.tcp(PortRange.of(port)))).get(0);

            assertThat(status.state()).isEqualTo(WatchState.IN_USE);
            assertThat(status.exposed()).isFalse();
        }
        WatchStatus after = WatchEvaluator.evaluate(Scanners.create().scan(),
                List.of(WatchRule.tcp(PortRange.of(port)))).get(0);
        assertThat(after.state()).isEqualTo(WatchState.FREE);
    }
}
