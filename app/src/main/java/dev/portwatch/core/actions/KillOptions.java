package dev.portwatch.core.actions;

import java.time.Duration;
import java.util.Objects;

/**
 * How to stop a process.
 *
 * @param includeChildren   also stop the process's descendants (read before any signal is sent)
 * @param forceNow          skip the graceful request and stop at once (SIGKILL)
 * @param timeout           how long to wait for a graceful stop; at least 100 ms, at most 10 minutes
 * @param forceAfterTimeout when the process is still running after the timeout, stop it forcibly instead of
 *                          reporting that it is still running
 */
public record KillOptions(boolean includeChildren, boolean forceNow, Duration timeout, boolean forceAfterTimeout) {

    /** The default wait for a graceful stop: 5 seconds. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /** Graceful, without children, 5 s timeout, no automatic force. */
    public static final KillOptions GRACEFUL = new KillOptions(false, false, DEFAULT_TIMEOUT, false);

    /** Validates the timeout. */
    public KillOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.toMillis() < 100 || timeout.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("timeout must be between 0.1 s and 10 min: " + timeout);
        }
    }

    /** A copy that stops at once. */
    public KillOptions forced() {
        return new KillOptions(includeChildren, true, timeout, forceAfterTimeout);
    }
}
