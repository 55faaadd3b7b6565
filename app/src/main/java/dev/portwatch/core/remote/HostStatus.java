package dev.portwatch.core.remote;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a remote host's stream is up, for the status bar and the greyed table.
 *
 * @param state   connecting, up or down
 * @param since   when the host entered this state
 * @param reason  why it is down (one sentence naming the host); empty otherwise
 * @param nextTry when the next connection attempt starts, while down
 */
public record HostStatus(State state, Instant since, Optional<String> reason, Optional<Instant> nextTry) {

    /** The states of a host's stream. */
    public enum State {
        /** An SSH session is being opened; no scan yet. */
        CONNECTING,
        /** Scans are arriving. */
        UP,
        /** The session failed or dropped; a reconnect is scheduled. */
        DOWN
    }

    /** Validates the fields. */
    public HostStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(nextTry, "nextTry");
    }

    /** Connecting since {@code since}. */
    public static HostStatus connecting(Instant since) {
        return new HostStatus(State.CONNECTING, since, Optional.empty(), Optional.empty());
    }

    /** Up since {@code since}. */
    public static HostStatus up(Instant since) {
        return new HostStatus(State.UP, since, Optional.empty(), Optional.empty());
    }

    /** Down since {@code since} for {@code reason}, next attempt at {@code nextTry}. */
    public static HostStatus down(Instant since, String reason, Instant nextTry) {
        return new HostStatus(State.DOWN, since, Optional.of(reason), Optional.of(nextTry));
    }
}
