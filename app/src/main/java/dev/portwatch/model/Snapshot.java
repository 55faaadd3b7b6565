package dev.portwatch.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable result of one scan: every socket the scanner saw, and how the scan went.
 *
 * @param takenAt      when the scan finished
 * @param listeners    every socket seen, in no particular order
 * @param scanDuration how long the scan took
 * @param privileged   whether the scan ran with rights to see every process's sockets (root on Unix); when false,
 *                     unknown owners are most likely other users' processes
 * @param unknownReasons why each socket without an owner has none, by {@link Listener#key()}, where the scanner
 *                     could tell; see {@link #whyUnknown}
 */
public record Snapshot(Instant takenAt, List<Listener> listeners, Duration scanDuration, boolean privileged,
                       Map<SocketKey, UnknownOwner> unknownReasons) {

    /** A snapshot whose scanner did not say why owners are unknown. */
    public Snapshot(Instant takenAt, List<Listener> listeners, Duration scanDuration, boolean privileged) {
        this(takenAt, listeners, scanDuration, privileged, Map.of());
    }

    /** Validates the fields and copies the list. */
    public Snapshot {
        unknownReasons = Map.copyOf(unknownReasons);
        Objects.requireNonNull(takenAt, "takenAt");
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(scanDuration, "scanDuration");
    }

    /**
     * Why this socket has no known owner; empty when its owner is known. Where the scanner could not tell, the most
     * likely reason: another user's process when the scan was not privileged, else a process the OS protects.
     */
    public Optional<UnknownOwner> whyUnknown(Listener listener) {
        if (listener.owner().isPresent()) {
            return Optional.empty();
        }
        UnknownOwner known = unknownReasons.get(listener.key());
        return Optional.of(known != null ? known : privileged ? UnknownOwner.PROTECTED : UnknownOwner.OTHER_USER);
    }

    /** A snapshot with no sockets, used before the first scan completes. */
    public static Snapshot empty() {
        return new Snapshot(Instant.EPOCH, List.of(), Duration.ZERO, false);
    }
}
