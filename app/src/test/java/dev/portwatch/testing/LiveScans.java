package dev.portwatch.testing;

import dev.portwatch.model.Snapshot;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;

import java.time.Duration;
import java.util.function.Predicate;

/** Polls a real scanner until the machine reaches a state, since the kernel publishes socket changes a moment late. */
public final class LiveScans {

    private LiveScans() {
    }

    /** Scans until {@code condition} holds or {@code within} passed; returns the last snapshot either way. */
    public static Snapshot await(SocketScanner scanner, Predicate<Snapshot> condition, Duration within)
            throws ScanException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Snapshot snapshot = scanner.scan();
            if (condition.test(snapshot) || System.nanoTime() > deadline) {
                return snapshot;
            }
            Thread.sleep(20);
        }
    }
}
