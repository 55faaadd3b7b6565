package dev.portwatch.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The immutable result of one scan: every socket the scanner saw, and how the scan went.
 *
 * @param takenAt      when the scan finished
 * @param listeners    every socket seen, in no particular order
 * @param scanDuration how long the scan took
 * @param privileged   whether the scan ran with rights to see every process's sockets (root on Unix); when false,
 *                     unknown owners are most likely other users' processes
 */
public record Snapshot(Instant takenAt, List<Listener> listeners, Duration scanDuration, boolean privileged) {

    /** Validates the fields and copies the list. */
    public Snapshot {
        Objects.requireNonNull(takenAt, "takenAt");
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(scanDuration, "scanDuration");
    }

    /** A snapshot with no sockets, used before the first scan completes. */
    public static Snapshot empty() {
        return new Snapshot(Instant.EPOCH, List.of(), Duration.ZERO, false);
    }

    /** How many sockets have no known owner. */
    public long unknownOwners() {
        return listeners.stream().filter(l -> l.owner().isEmpty()).count();
    }
}
