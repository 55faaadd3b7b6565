package dev.portwatch.ui.detail;

import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.TcpConnection;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One connection of the selected listener as the Details tab lists it.
 *
 * @param connection the kernel's view of it, with its {@code tcp_info} figures and first-seen time
 * @param peer       the process on the other end when that end is on this machine and its owner is visible
 */
public record ListenerConnection(TcpConnection connection, Optional<ProcessInfo> peer) {

    /** Validates the fields. */
    public ListenerConnection {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(peer, "peer");
    }

    /** The kernel's identifier of this very socket; stays the same across refreshes. */
    public long cookie() {
        return connection.cookie();
    }

    /**
     * How old the connection is at least: the time since portwatch first saw it, or its idle time when that is
     * longer (a connection can't have been idle for longer than it existed, and it may predate the first look).
     */
    public Duration age(Instant now) {
        Duration seen = Duration.between(connection.firstSeen(), now);
        OptionalLong idle = connection.idleMillis();
        return idle.isPresent() && idle.getAsLong() > seen.toMillis() ? Duration.ofMillis(idle.getAsLong()) : seen;
    }

    /** {@code 4242 java}, or empty when the peer is remote or hidden. */
    public String peerText() {
        return peer.map(p -> p.pid() + (p.name().isEmpty() ? "" : " " + p.name())).orElse("");
    }
}
