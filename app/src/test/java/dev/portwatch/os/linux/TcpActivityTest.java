package dev.portwatch.os.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.portwatch.os.linux.TcpActivity.Change.ALL;
import static dev.portwatch.os.linux.TcpActivity.Change.LISTENERS;
import static dev.portwatch.os.linux.TcpActivity.Change.NONE;
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
    /** The destroy messages since last asked, as the kernel's subscription would count them. */
    private final Destroyed destroyed = new Destroyed();

    /** A count the test sets and the activity reads and clears. */
    private static final class Destroyed extends AtomicInteger {
        int getAndClear() {
            return getAndSet(0);
        }
    }

    @Test
    void aConnectionOpenedAndClosedOnThisMachineMovesTheCounters() throws IOException {
        Path real = Path.of("/proc");
        assumeTrue(Files.isReadable(real.resolve("net/snmp")), "needs Linux /proc/net/snmp");
        var activity = new TcpActivity(real, clock::get, Optional.empty());
        assertThat(activity.sinceLastDump()).as("the first call asks for everything").isEqualTo(ALL);
        try (var server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                var client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                var accepted = server.accept()) {
            assertThat(activity.sinceLastDump()).as("after a connection opened").isEqualTo(ALL);
        }
        assertThat(activity.sinceLastDump()).as("after it closed").isEqualTo(ALL);
    }

    @Test
    void onlyTheTcpLinesCount() throws IOException {
        write(7, 1, 100, "TCP: inuse 3 orphan 0 tw 2 alloc 9 mem 1", "TCP6: inuse 1");
        var activity = new TcpActivity(proc, clock::get, Optional.of(destroyed::getAndClear));
        assertThat(activity.sinceLastDump()).isEqualTo(ALL);
        assertThat(activity.sinceLastDump()).as("nothing moved").isEqualTo(NONE);

        write(8, 1, 200, "TCP: inuse 3 orphan 0 tw 2 alloc 9 mem 1", "TCP6: inuse 1");
        assertThat(activity.sinceLastDump()).as("only IP and UDP counters moved").isEqualTo(NONE);

        write(8, 1, 200, "TCP: inuse 3 orphan 0 tw 2 alloc 12 mem 4", "TCP6: inuse 1");
        assertThat(activity.sinceLastDump()).as("only machine-wide allocation and memory moved")
                .isEqualTo(NONE);

        write(8, 2, 200, "TCP: inuse 3 orphan 0 tw 2 alloc 12 mem 4", "TCP6: inuse 1");
        assertThat(activity.sinceLastDump()).as("a connection opened").isEqualTo(ALL);
        assertThat(activity.sinceLastDump()).isEqualTo(NONE);

        write(8, 2, 200, "TCP: inuse 3 orphan 0 tw 1 alloc 12 mem 4", "TCP6: inuse 1");
        assertThat(activity.sinceLastDump()).as("a TIME_WAIT expired").isEqualTo(ALL);

        write(8, 2, 200, "TCP: inuse 3 orphan 0 tw 1 alloc 12 mem 4", "TCP6: inuse 2");
        assertThat(activity.sinceLastDump()).as("an IPv6 socket came").isEqualTo(ALL);
        assertThat(activity.sinceLastDump()).isEqualTo(NONE);
    }

    @Test
    void aSocketDestroyedWithTheCountersStillMeansEverything() throws IOException {
        write(1, 1, 1, "TCP: inuse 1", "TCP6: inuse 0");
        var activity = new TcpActivity(proc, clock::get, Optional.of(destroyed::getAndClear));
        assertThat(activity.sinceLastDump()).isEqualTo(ALL);
        destroyed.set(1);
        assertThat(activity.sinceLastDump()).as("a listener closed while another opened").isEqualTo(ALL);
        assertThat(activity.sinceLastDump()).isEqualTo(NONE);
        destroyed.set(-1);
        assertThat(activity.sinceLastDump()).as("messages lost").isEqualTo(ALL);
    }

    @Test
    void withoutDestroyMessagesListenersAreDumpedEachTime() throws IOException {
        write(1, 1, 1, "TCP: inuse 1", "TCP6: inuse 0");
        var activity = new TcpActivity(proc, clock::get, Optional.empty());
        assertThat(activity.sinceLastDump()).isEqualTo(ALL);
        assertThat(activity.sinceLastDump()).isEqualTo(LISTENERS);
        write(1, 2, 1, "TCP: inuse 1", "TCP6: inuse 0");
        assertThat(activity.sinceLastDump()).isEqualTo(ALL);
    }

    @Test
    void theKernelSaysWhenATcpSocketIsDestroyed() throws IOException, InterruptedException {
        NetlinkDiagSocket messages;
        try {
            messages = NetlinkDiagSocket.subscribe(1 | 1 << 2, 16 * 1024);
        } catch (IOException e) {
            assumeTrue(false, "no sock_diag destroy messages here: " + e.getMessage());
            return;
        }
        try (messages) {
            messages.drain();
            new ServerSocket(0, 1, InetAddress.getLoopbackAddress()).close();
            // The kernel sends it from a work queue once the socket is freed: soon, not at once.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            int seen = messages.drain();
            while (seen == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
                seen = messages.drain();
            }
            assertThat(seen).as("messages after a listener closed").isNotZero();
        }
    }

    @Test
    void walksAtLeastEveryFiveSecondsWhateverTheCounters() throws IOException {
        write(1, 1, 1, "TCP: inuse 1", "TCP6: inuse 0");
        var activity = new TcpActivity(proc, clock::get, Optional.of(destroyed::getAndClear));
        assertThat(activity.sinceLastDump()).isEqualTo(ALL);
        clock.addAndGet(TcpActivity.AT_LEAST_EVERY.toNanos() - 1);
        assertThat(activity.sinceLastDump()).isEqualTo(NONE);
        clock.addAndGet(1);
        assertThat(activity.sinceLastDump()).isEqualTo(ALL);
        assertThat(activity.sinceLastDump()).as("the time limit counts from that walk").isEqualTo(NONE);
    }

    @Test
    void withoutCountersItWalksEachTimeButWithoutIpv6ItNeedNot() throws IOException {
        write(1, 1, 1, "TCP: inuse 1", "TCP6: inuse 0");
        Files.delete(proc.resolve("net/sockstat6"));
        var noIpv6 = new TcpActivity(proc, clock::get, Optional.of(destroyed::getAndClear));
        assertThat(noIpv6.sinceLastDump()).isEqualTo(ALL);
        assertThat(noIpv6.sinceLastDump()).as("no sockstat6: a kernel without IPv6").isEqualTo(NONE);

        Files.delete(proc.resolve("net/snmp"));
        var noSnmp = new TcpActivity(proc, clock::get, Optional.of(destroyed::getAndClear));
        assertThat(noSnmp.sinceLastDump()).isEqualTo(ALL);
        assertThat(noSnmp.sinceLastDump()).as("no snmp: nothing to compare").isEqualTo(ALL);
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
