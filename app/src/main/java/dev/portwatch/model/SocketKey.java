package dev.portwatch.model;

import java.util.Optional;

/**
 * Identity of a socket across scans: protocol, both endpoints and the owning pid (0 when unknown).
 *
 * <p>The pid is part of the key because two processes can hold the same address and port (SO_REUSEPORT, or a
 * parent and child after fork), and a different owner on the same port is a different row to a user.
 *
 * @param protocol TCP or UDP
 * @param local    the local endpoint
 * @param remote   the peer, empty for listeners
 * @param pid      the owning pid, 0 when unknown
 */
public record SocketKey(Protocol protocol, Endpoint local, Optional<Endpoint> remote, int pid) {
}
