package dev.portwatch.core;

import java.time.Duration;

/**
 * A source of {@link ScanResult}s the window's table follows: this machine's {@link ScanPoller}, or a remote host's
 * stream ({@code core.remote.RemoteScanFeed}). Results reach the consumer given at construction, one at a time, on
 * the feed's own thread. Methods are thread-safe and never block on the OS or the network.
 */
public interface ScanFeed extends AutoCloseable {

    /** Starts (or resumes) delivering scans. */
    void start();

    /** Stops delivering scans until {@link #start()}. */
    void pause();

    /** Whether scans are being delivered. */
    boolean isRunning();

    /** Changes the time between scans, clamped to {@link ScanPoller#MIN_INTERVAL}..{@link ScanPoller#MAX_INTERVAL}. */
    void setInterval(Duration wished);

    /** The current interval. */
    Duration interval();

    /** Delivers one scan as soon as possible, paused or not. */
    void refreshNow();

    /** Stops for good and releases what the feed holds. */
    @Override
    void close();
}
