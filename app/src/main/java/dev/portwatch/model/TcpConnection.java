package dev.portwatch.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One established TCP connection as the kernel reports it, with the figures of its {@code tcp_info}.
 *
 * @param ipVersion     the socket's address family
 * @param local         this side's address and port (the listener's port for an accepted connection)
 * @param remote        the peer's address and port
 * @param socketUser    the user the kernel recorded for the socket
 * @param inode         the socket's inode, which the scan's owner table is keyed by; 0 when unknown
 * @param cookie        the kernel's identifier for this very socket: a new socket on the same addresses gets another
 *                      one, so an action aimed at this connection can never hit a later one
 * @param bytesSent     bytes sent and acknowledged by the peer ({@code tcpi_bytes_acked}); empty when not reported
 * @param bytesReceived bytes received ({@code tcpi_bytes_received}); empty when not reported
 * @param idleMillis    milliseconds since data last moved either way ({@code tcpi_last_data_recv/sent}); empty when
 *                      not reported
 * @param firstSeen     when portwatch first saw this socket (the kernel keeps no creation time for it), so
 *                      {@code now - firstSeen} is its age, or a lower bound for connections older than the first scan
 */
public record TcpConnection(IpVersion ipVersion, Endpoint local, Endpoint remote, Optional<SocketUser> socketUser,
                            long inode, long cookie, OptionalLong bytesSent, OptionalLong bytesReceived,
                            OptionalLong idleMillis, Instant firstSeen) {

    /** Validates the fields. */
    public TcpConnection {
        Objects.requireNonNull(ipVersion, "ipVersion");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(socketUser, "socketUser");
        Objects.requireNonNull(bytesSent, "bytesSent");
        Objects.requireNonNull(bytesReceived, "bytesReceived");
        Objects.requireNonNull(idleMillis, "idleMillis");
        Objects.requireNonNull(firstSeen, "firstSeen");
    }

    /** {@code 127.0.0.1:8080 <- 127.0.0.1:51234}: the listener's side first, then the peer. */
    public String describe() {
        return local + " <- " + remote;
    }
}
