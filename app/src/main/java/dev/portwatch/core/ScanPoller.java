package dev.portwatch.core;

import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Polls a {@link SocketScanner} on an injected scheduled executor and hands every {@link ScanResult} to a
 * consumer, on the executor's thread. A failing scan is reported and polling goes on.
 *
 * <p>The interval is clamped to {@link #MIN_INTERVAL}..{@link #MAX_INTERVAL}. Scans never overlap: the next one
 * is scheduled after the previous one finished. Methods are thread-safe.
 */
public final class ScanPoller implements ScanFeed {

    /** The shortest poll interval users may choose. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(500);
    /** The longest poll interval users may choose. */
    public static final Duration MAX_INTERVAL = Duration.ofSeconds(10);
    /** The default poll interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(ScanPoller.class.getName());

    private final SocketScanner scanner;
    private final ScheduledExecutorService executor;
    private final Consumer<ScanResult> sink;
    private Duration interval = DEFAULT_INTERVAL;
    private boolean running;
    private ScheduledFuture<?> next;

    /**
     * @param scanner  the scanner, called only on the executor's thread
     * @param executor runs the scans; a single-thread executor keeps scans in order
     * @param sink     receives each result on the executor's thread
     */
    public ScanPoller(SocketScanner scanner, ScheduledExecutorService executor, Consumer<ScanResult> sink) {
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Clamps a wished-for interval into the allowed range. */
    public static Duration clamp(Duration wished) {
        if (wished.compareTo(MIN_INTERVAL) < 0) {
            return MIN_INTERVAL;
        }
        return wished.compareTo(MAX_INTERVAL) > 0 ? MAX_INTERVAL : wished;
    }

    /** Starts polling now; does nothing when already running. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        schedule(Duration.ZERO);
    }

    /** Stops polling after the scan under way, if any. */
    public synchronized void pause() {
        running = false;
        if (next != null) {
            next.cancel(false);
            next = null;
        }
    }

    /** Whether polling is on. */
    public synchronized boolean isRunning() {
        return running;
    }

    /** Changes the interval, clamped; takes effect from the next scheduled scan. */
    public synchronized void setInterval(Duration wished) {
        interval = clamp(wished);
        if (running && next != null && next.cancel(false)) {
            schedule(interval);
        }
    }

    /** The current interval. */
    public synchronized Duration interval() {
        return interval;
    }

    /** Runs one scan as soon as possible, whether or not polling is on. */
    public void refreshNow() {
        executor.execute(this::scanOnce);
    }

    @Override
    public void close() {
        pause();
    }

    private synchronized void schedule(Duration delay) {
        next = executor.schedule(this::tick, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        scanOnce();
        synchronized (this) {
            if (running) {
                schedule(interval);
            }
        }
    }

    private void scanOnce() {
        ScanResult result;
        try {
            result = ScanResult.of(scanner.scan());
        } catch (ScanException e) {
            LOG.log(Level.FINE, "scan failed", e);
            result = ScanResult.failed(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "scan failed unexpectedly", e);
            result = ScanResult.failed("Scan failed: " + e);
        }
        sink.accept(result);
    }
}
