package dev.portwatch.os.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * When the connection table is walked again: on the kernel's TCP counters moving (real connections on this
 * machine's counters; the rules on counter files written here), on the time limit, and when they can't be read.
 */
class TcpActivityTest {

    private static final String SNMP_TCP = """
            Ip: Forwarding DefaultTTL InReceives
            Ip: 1 64 %d
            Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens PassiveOpens AttemptFails EstabResets CurrEstab InSegs
            Tcp: 1 200 120000 -1 %d 10 0 0 1 500
            Udp: InDatagrams NoPorts
            Udp: %d 0
            """;

    @TempDir
    Path proc;
    private final AtomicLong clock = new AtomicLong();

    @Test
    void aConnectionOpenedAndClosedOnThisMachineMovesTheCounters() throws IOException {
        Path real = Path.of("/proc");
        assumeTrue(Files.isReadable(real.resolve("net/snmp")), "needs Linux /proc/net/snmp");
        var activity = new TcpActivity(real, clock::get);
        assertThat(activity.connectionsMayHaveChanged()).as("the first call always walks").isTrue();
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                var client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                var accepted = server.accept()) {
            assertThat(activity.connectionsMayHaveChanged()).as("after a connection opened").isTrue();
        }
        assertThat(activity.connectionsMayHaveChanged()).as("after it closed").isTrue();
    }

    @Test
    void onlyTheTcpLinesCount() throws IOException {
        write(7, 1, 100, "TCP: inuse 3 orphan 0 tw 2 alloc 9 mem 1", "TCP6: inuse 1");
        var activity = new TcpActivity(proc, clock::get);
        assertThat(activity.connectionsMayHaveChanged()).isTrue();
        assertThat(activity.connectionsMayHaveChanged()).as("nothing moved").isFalse();

        write(8, 1, 200, "TCP: inuse 3 orphan 0 tw 2 alloc 9 mem 1", "TCP6: inuse 1");
        assertThat(activity.connectionsMayHaveChanged()).as("only IP and UDP counters moved").isFalse();

        write(8, 1, 200, "TCP: inuse 3 orphan 0 tw 2 alloc 12 mem 4", "TCP6: inuse 1");
        assertThat(activity.connectionsMayHaveChanged()).as("only machine-wide allocation and memory moved")
                .isFalse();

        write(8, 2, 200, "TCP: inuse 3 orphan 0 tw 2 alloc 12 mem 4", "TCP6: inuse 1");
        assertThat(activity.connectionsMayHaveChanged()).as("a connection opened").isTrue();
        assertThat(activity.connectionsMayHaveChanged()).isFalse();

        write(8, 2, 200, "TCP: inuse 3 orphan 0 tw 1 alloc 12 mem 4", "TCP6: inuse 1");
        assertThat(activity.connectionsMayHaveChanged()).as("a TIME_WAIT expired").isTrue();

        write(8, 2, 200, "TCP: inuse 3 orphan 0 tw 1 alloc 12 mem 4", "TCP6: inuse 2");
        assertThat(activity.connectionsMayHaveChanged()).as("an IPv6 socket came").isTrue();
        assertThat(activity.connectionsMayHaveChanged()).isFalse();
    }

    @Test
    void walksAtLeastEveryFiveSecondsWhateverTheCounters() throws IOException {
        write(1, 1, 1, "TCP: inuse 1", "TCP6: inuse 0");
        var activity = new TcpActivity(proc, clock::get);
        assertThat(activity.connectionsMayHaveChanged()).isTrue();
        clock.addAndGet(TcpActivity.AT_LEAST_EVERY.toNanos() - 1);
        assertThat(activity.connectionsMayHaveChanged()).isFalse();
        clock.addAndGet(1);
        assertThat(activity.connectionsMayHaveChanged()).isTrue();
        assertThat(activity.connectionsMayHaveChanged()).as("the time limit counts from that walk").isFalse();
    }

    @Test
    void withoutCountersItWalksEachTimeButWithoutIpv6ItNeedNot() throws IOException {
        write(1, 1, 1, "TCP: inuse 1", "TCP6: inuse 0");
        Files.delete(proc.resolve("net/sockstat6"));
        var noIpv6 = new TcpActivity(proc, clock::get);
        assertThat(noIpv6.connectionsMayHaveChanged()).isTrue();
        assertThat(noIpv6.connectionsMayHaveChanged()).as("no sockstat6: a kernel without IPv6").isFalse();

        Files.delete(proc.resolve("net/snmp"));
        var noSnmp = new TcpActivity(proc, clock::get);
        assertThat(noSnmp.connectionsMayHaveChanged()).isTrue();
        assertThat(noSnmp.connectionsMayHaveChanged()).as("no snmp: nothing to compare").isTrue();
    }

    private void write(int ipIn, int activeOpens, int udpIn, String sockstatTcp, String sockstat6Tcp)
            throws IOException {
        Path net = Files.createDirectories(proc.resolve("net"));
        Files.writeString(net.resolve("snmp"), SNMP_TCP.formatted(ipIn, activeOpens, udpIn));
        Files.writeString(net.resolve("sockstat"), "sockets: used " + (ipIn + udpIn) + "\n" + sockstatTcp
                + "\nUDP: inuse " + udpIn + " mem 0\n");
        Files.writeString(net.resolve("sockstat6"), sockstat6Tcp + "\nUDP6: inuse " + udpIn + "\n");
    }
}
