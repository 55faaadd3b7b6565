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
 * @param socketUser the user the kernel records for the socket, known even when the owner is hidden; empty where
 *                   the scanner cannot read it (OSHI's scanner on other systems)
 * @param ownerSource where the owner came from: the scan, or the privileged helper
 */
public record Listener(Protocol protocol, IpVersion ipVersion, Endpoint local, Optional<Endpoint> remote,
                       SocketState state, Optional<ProcessInfo> owner, Optional<SocketUser> socketUser,
                       OwnerSource ownerSource) {

    /** Validates the fields. */
    public Listener {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(ipVersion, "ipVersion");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(socketUser, "socketUser");
        Objects.requireNonNull(ownerSource, "ownerSource");
    }

    /** A socket as portwatch's own scan saw it. */
    public Listener(Protocol protocol, IpVersion ipVersion, Endpoint local, Optional<Endpoint> remote,
                    SocketState state, Optional<ProcessInfo> owner, Optional<SocketUser> socketUser) {
        this(protocol, ipVersion, local, remote, state, owner, socketUser, OwnerSource.SCAN);
    }

    /** A socket whose kernel-recorded user is not known. */
    public Listener(Protocol protocol, IpVersion ipVersion, Endpoint local, Optional<Endpoint> remote,
                    SocketState state, Optional<ProcessInfo> owner) {
        this(protocol, ipVersion, local, remote, state, owner, Optional.empty(), OwnerSource.SCAN);
    }

    /**
     * The user to show for this socket: the owner's user when the owner is known and named, else the user the
     * kernel recorded for the socket; empty when neither is known.
     */
    public Optional<String> userName() {
        Optional<String> ownerUser = owner.map(ProcessInfo::user).filter(u -> !u.isBlank());
        return ownerUser.isPresent() ? ownerUser : socketUser.map(SocketUser::name);
    }

    /** The numeric uid the kernel recorded for the socket, empty when unknown. */
    public OptionalInt uid() {
        return socketUser.map(u -> OptionalInt.of(u.uid())).orElseGet(OptionalInt::empty);
    }

    /** This socket with an owner the privileged helper revealed; everything else kept. */
    public Listener withRevealedOwner(ProcessInfo revealed) {
        return new Listener(protocol, ipVersion, local, remote, state, Optional.of(revealed), socketUser,
                OwnerSource.HELPER);
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
