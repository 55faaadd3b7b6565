package dev.portwatch.os.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Says when the kernel's connection table must be walked again. Dumping TCP connections makes the kernel walk its
 * whole established hash table, whose size is set at boot from the machine's memory (262,144 buckets here, about
 * 2 ms per walk even when it holds nothing); listeners live in a separate, small table. So {@link SockDiag} dumps
 * listeners every scan and connections only when this says they may have changed.
 *
 * <p>They may have changed when the kernel's own TCP counters of this network namespace moved since the last walk:
 * the {@code Tcp:} lines of {@code /proc/net/snmp} (connections opened actively and passively, failed attempts,
 * resets, segments in and out, retransmissions) and the {@code TCP:}/{@code TCP6:} lines of
 * {@code /proc/net/sockstat}/{@code sockstat6} (sockets in use, orphans, TIME_WAIT; not the machine-wide allocation
 * and memory counts, which move with every namespace's traffic). A connection can't appear,
 * change state or vanish without one of them moving: states change on segments, and the timers that change states
 * without one (TIME_WAIT and FIN_WAIT2 expiring, a failed connect) change the TIME_WAIT, orphan, in-use or failed
 * counts. Reading them costs about 15 µs. In case some path slipped past the counters anyway, the table is walked at
 * least every {@link #AT_LEAST_EVERY}, and whenever the counters can't be read.
 */
final class TcpActivity {

    /** The longest a connection table is reused: what a change the counters missed could stay unseen. */
    static final Duration AT_LEAST_EVERY = Duration.ofSeconds(5);

    private static final byte[][] PREFIXES = {
        "Tcp:".getBytes(StandardCharsets.US_ASCII),
        "TCP:".getBytes(StandardCharsets.US_ASCII),
        "TCP6:".getBytes(StandardCharsets.US_ASCII),
    };

    private static final byte[] ALLOC = " alloc ".getBytes(StandardCharsets.US_ASCII);

    private final Path[] files;
    private final LongSupplier nanoClock;
    private byte[] lastCounters;
    private long lastWalk;

    /**
     * @param proc      the proc file system's root, normally {@code /proc}
     * @param nanoClock {@link System#nanoTime()}, or a test's clock
     */
    TcpActivity(Path proc, LongSupplier nanoClock) {
        Path net = proc.resolve("net");
        this.files = new Path[] {net.resolve("snmp"), net.resolve("sockstat"), net.resolve("sockstat6")};
        this.nanoClock = nanoClock;
    }

    /** Counters under {@code /proc}, on the system clock. */
    static TcpActivity ofThisHost(Path proc) {
        return new TcpActivity(proc, System::nanoTime);
    }

    /**
     * True when the connection table must be walked now: the counters moved since the last time this said true, or
     * can't be read, or that was {@link #AT_LEAST_EVERY} ago (or never). A true answer counts as the walk.
     */
    boolean connectionsMayHaveChanged() {
        byte[] counters = counters();
        long now = nanoClock.getAsLong();
        boolean walk = counters == null || lastCounters == null || !Arrays.equals(counters, lastCounters)
                || now - lastWalk >= AT_LEAST_EVERY.toNanos();
        if (walk) {
            lastCounters = counters;
            lastWalk = now;
        }
        return walk;
    }

    /** The TCP lines of the three files, one after the other; null when snmp or sockstat can't be read. */
    private byte[] counters() {
        byte[] out = new byte[512];
        int length = 0;
        for (Path file : files) {
            byte[] text;
            try {
                text = Files.readAllBytes(file);
            } catch (IOException e) {
                if (file == files[2]) {
                    // A kernel without IPv6 has no sockstat6, and no TCP6 connections either.
                    continue;
                }
                return null;
            }
            int lineStart = 0;
            while (lineStart < text.length) {
                int lineEnd = lineStart;
                while (lineEnd < text.length && text[lineEnd] != '\n') {
                    lineEnd++;
                }
                if (startsWithTcpPrefix(text, lineStart, lineEnd)) {
                    lineEnd = beforeMachineWideCounts(text, lineStart, lineEnd);
                    int lineLength = lineEnd - lineStart + 1;
                    if (length + lineLength > out.length) {
                        out = Arrays.copyOf(out, Math.max(out.length * 2, length + lineLength));
                    }
                    System.arraycopy(text, lineStart, out, length, lineEnd - lineStart);
                    out[length + lineLength - 1] = '\n';
                    length += lineLength;
                }
                lineStart = lineEnd + 1;
            }
        }
        return Arrays.copyOf(out, length);
    }

    /**
     * Where a sockstat line's {@code alloc} and {@code mem} counts start, else {@code end}: they count sockets
     * allocated and buffer memory in every network namespace, so they move with other programs' traffic and
     * unconnected sockets, which the connection table never shows.
     */
    private static int beforeMachineWideCounts(byte[] text, int start, int end) {
        for (int i = start; i + ALLOC.length <= end; i++) {
            if (Arrays.equals(text, i, i + ALLOC.length, ALLOC, 0, ALLOC.length)) {
                return i;
            }
        }
        return end;
    }

    private static boolean startsWithTcpPrefix(byte[] text, int from, int to) {
        for (byte[] prefix : PREFIXES) {
            if (to - from >= prefix.length && Arrays.equals(text, from, from + prefix.length, prefix, 0,
                    prefix.length)) {
                return true;
            }
        }
        return false;
    }
}
