package dev.portwatch.os.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Says which of the kernel's TCP tables must be dumped again. An idle scan's cost is the kernel's: dumping 5,000
 * listeners takes about 2 ms of system time here, and dumping connections makes the kernel walk its whole
 * established-connection hash table, sized at boot from the machine's memory (262,144 buckets here, about 2 ms per
 * walk even when it holds nothing). So {@link SockDiag} reuses the TCP sockets of its last dump while nothing says they
 * changed:
 *
 * <ul>
 *   <li>The kernel's TCP counters of this network namespace: the {@code Tcp:} lines of {@code /proc/net/snmp}
 *       (connections opened actively and passively, failed attempts, resets, segments in and out, retransmissions)
 *       and the {@code TCP:}/{@code TCP6:} lines of {@code /proc/net/sockstat}/{@code sockstat6} (sockets in the
 *       tables, orphans, TIME_WAIT; not the machine-wide allocation and memory counts, which move with every
 *       namespace's traffic). A connection can't appear, change state or vanish without one of them moving: states
 *       change on segments, and the timers that change states without one (TIME_WAIT and FIN_WAIT2 expiring, a
 *       failed connect) change the TIME_WAIT, orphan, in-use or failed counts. A new listener changes the in-use
 *       count. Reading them costs about 15 µs.</li>
 *   <li>The kernel's messages for every TCP socket destroyed (the {@code SKNLGRP_INET_TCP_DESTROY} and
 *       {@code SKNLGRP_INET6_TCP_DESTROY} groups, open to every user): a listener closed while another opened, as
 *       a dev server restarting on its port within one scan, leaves every count as it was but sends one.</li>
 *   <li>The clock: everything is dumped at least every {@link #AT_LEAST_EVERY}, which bounds what a path both
 *       missed could hide (a listener shut down with {@code shutdown()}, not closed, while another opened).</li>
 * </ul>
 *
 * Where the messages can't be had, listeners are dumped every scan and only connections are reused; where the
 * counters can't be read, everything is dumped every scan.
 */
final class TcpActivity {

    /** The longest the TCP sockets of a dump are reused: what a change both signals missed could stay unseen. */
    static final Duration AT_LEAST_EVERY = Duration.ofSeconds(5);

    /** What the next dump must get from the kernel. */
    enum Change {
        /** Nothing moved: the TCP sockets of the last dump are this one's. */
        NONE,
        /** The connections are as the last dump found them; listeners must be dumped (no destroy messages here). */
        LISTENERS,
        /** Everything must be dumped. */
        ALL
    }

    /** {@code SKNLGRP_INET_TCP_DESTROY} (group 1) and {@code SKNLGRP_INET6_TCP_DESTROY} (group 3), a bit each. */
    private static final int TCP_DESTROY_GROUPS = 1 | 1 << 2;
    private static final int DESTROY_RECEIVE_BYTES = 16 * 1024;

    private final Path[] files;
    private final Path sockstat6;
    private final LongSupplier nanoClock;
    private final Optional<IntSupplier> destroyed;
    private String lastCounters;
    private long lastWalk;

    /**
     * @param proc      the proc file system's root, normally {@code /proc}
     * @param nanoClock {@link System#nanoTime()}, or a test's clock
     * @param destroyed how many TCP sockets were destroyed since it was last asked, -1 when unknown (messages were
     *                  lost); empty where the kernel sends no such messages
     */
    TcpActivity(Path proc, LongSupplier nanoClock, Optional<IntSupplier> destroyed) {
        Path net = proc.resolve("net");
        this.sockstat6 = net.resolve("sockstat6");
        this.files = new Path[] {net.resolve("snmp"), net.resolve("sockstat"), sockstat6};
        this.nanoClock = nanoClock;
        this.destroyed = destroyed;
    }

    /** Counters under {@code /proc}, the kernel's destroy messages when it sends them, on the system clock. */
    static TcpActivity ofThisHost(Path proc) {
        Optional<IntSupplier> destroyed;
        try {
            NetlinkDiagSocket messages = NetlinkDiagSocket.subscribe(TCP_DESTROY_GROUPS, DESTROY_RECEIVE_BYTES);
            destroyed = Optional.of(messages::drain);
        } catch (IOException e) {
            destroyed = Optional.empty();
        }
        return new TcpActivity(proc, System::nanoTime, destroyed);
    }

    /**
     * What changed since the last time this said {@link Change#ALL}: {@code ALL} when the counters moved, can't be
     * read, a TCP socket was destroyed, or that was {@link #AT_LEAST_EVERY} ago (or never); else {@code NONE}, or
     * {@code LISTENERS} where no destroy messages come. An {@code ALL} answer counts as the dump.
     */
    Change sinceLastDump() {
        // Drained first: a socket destroyed from here on is in the dump that follows, or in the next answer.
        int destroyedNow = destroyed.map(IntSupplier::getAsInt).orElse(0);
        String counters = counters();
        long now = nanoClock.getAsLong();
        boolean all = counters == null || !counters.equals(lastCounters)
                || destroyedNow != 0 || now - lastWalk >= AT_LEAST_EVERY.toNanos();
        if (all) {
            lastCounters = counters;
            lastWalk = now;
            return Change.ALL;
        }
        return destroyed.isPresent() ? Change.NONE : Change.LISTENERS;
    }

    /** The TCP lines of the three files, one after the other; null when snmp or sockstat can't be read. */
    private String counters() {
        StringBuilder out = new StringBuilder(512);
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                if (file.equals(sockstat6)) {
                    // A kernel without IPv6 has no sockstat6, and no TCP6 connections either.
                    continue;
                }
                return null;
            }
            for (String line : lines) {
                if (line.startsWith("Tcp:") || line.startsWith("TCP:") || line.startsWith("TCP6:")) {
                    // sockstat's alloc and mem count sockets allocated and buffer memory in every network
                    // namespace: they move with other programs' traffic and unconnected sockets, which the
                    // connection table never shows.
                    int machineWide = line.indexOf(" alloc ");
                    out.append(machineWide < 0 ? line : line.substring(0, machineWide)).append('\n');
                }
            }
        }
        return out.toString();
    }
}
