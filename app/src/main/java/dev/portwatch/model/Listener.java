package dev.portwatch.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One socket seen by a scan: a listener (TCP LISTEN, unconnected UDP) or, when asked for, a connection.
 *
 * @param protocol  TCP or UDP
 * @param ipVersion the address family of the socket
 * @param local     the bind address and port
 * @param remote    the peer for a connected socket; empty for listeners
 * @param state     what the socket is doing
 * @param owner     the owning process; empty when unknown: {@link Snapshot#whyUnknown} says why (another user's
 *                  process while not root, no process at all for TIME_WAIT, an owner that exited during the scan)
 */
public record Listener(Protocol protocol, IpVersion ipVersion, Endpoint local, Optional<Endpoint> remote,
                       SocketState state, Optional<ProcessInfo> owner) {

    /** Validates the fields. */
    public Listener {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(ipVersion, "ipVersion");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(owner, "owner");
    }

    /** The local port. */
    public int port() {
        return local.port();
    }

    /** The bind address in canonical text form. */
    public String address() {
        return local.address();
    }

    /** The owner's pid, empty when unknown. */
    public OptionalInt pid() {
        return owner.map(p -> OptionalInt.of(p.pid())).orElseGet(OptionalInt::empty);
    }

    /** The identity used to follow a socket from one scan to the next; see {@link SocketKey}. */
    public SocketKey key() {
        return new SocketKey(protocol, local, remote, pid().orElse(0));
    }

    /** True when a client connecting to {@code localhost} on this port can reach this socket. */
    public boolean isLocalhostReachable() {
        return Addresses.isLocalhostReachable(local.address());
    }
}
