package dev.portwatch.os;

import dev.portwatch.model.TcpConnection;

import java.util.List;

/**
 * Reads the established TCP connections of a local port with their kernel figures, and closes single connections
 * the way {@code ss -K} does (the kernel aborts the socket and sends the peer a reset; the process holding it sees
 * its next read or write fail and the listener is untouched). Methods block on the OS: never call them on the
 * JavaFX application thread. One call at a time.
 */
public interface TcpConnections {

    /** What the kernel said to a request to close one connection. */
    enum CloseResult {
        /** The kernel aborted the socket. */
        CLOSED,
        /** No such socket any more (it closed, or the cookie belongs to an older socket). */
        GONE,
        /** The caller lacks the right (CAP_NET_ADMIN). */
        NOT_PERMITTED,
        /** This kernel cannot close sockets from outside (built without {@code CONFIG_INET_DIAG_DESTROY}). */
        UNSUPPORTED,
        /** Any other error. */
        FAILED
    }

    /**
     * The established TCP connections, IPv4 and IPv6, whose local port is {@code localPort}: the accepted sides of
     * a listener's connections (and outgoing connections that happen to use that local port).
     *
     * @throws ScanException when the kernel could not be asked
     */
    List<TcpConnection> established(int localPort) throws ScanException;

    /**
     * Asks the kernel to abort one connection; it is identified by its addresses and its cookie, so a newer socket
     * on the same addresses is never hit.
     */
    CloseResult close(TcpConnection connection);
}
