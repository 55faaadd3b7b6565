package dev.portwatch.core.watch;

import dev.portwatch.model.WatchRule;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the event log: a socket opened or closed on a watched port, or a watched entry changed state.
 *
 * @param time    when the scan that saw it finished
 * @param kind    what happened
 * @param rule    the watched entry it happened to
 * @param message a sentence for people, naming the process and address
 */
public record WatchEvent(Instant time, Kind kind, WatchRule rule, String message) {

    /** What happened. */
    public enum Kind {
        /** A socket started listening on a watched port. */
        OPENED,
        /** A socket on a watched port stopped listening. */
        CLOSED,
        /** The entry went from FREE to in use. */
        TAKEN,
        /** The entry became FREE. */
        FREED,
        /** The entry became CONFLICT. */
        CONFLICT,
        /** The entry left CONFLICT but is still in use. */
        RESOLVED,
        /** A holder became reachable from the network. */
        EXPOSED,
        /** No holder is reachable from the network any more. */
        UNEXPOSED;

        /** True for the transitions users are notified of: taken, freed, became conflict, became exposed. */
        public boolean notifies() {
            return this == TAKEN || this == FREED || this == CONFLICT || this == EXPOSED;
        }
    }

    /** Validates the fields. */
    public WatchEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
