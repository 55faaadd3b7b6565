package dev.portwatch.os.linux;

import dev.portwatch.model.Endpoint;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketState;

import java.util.Optional;

/**
 * The kernel's four socket tables, in the order of {@code /proc/net/{tcp,tcp6,udp,udp6}}. Both readers (netlink in
 * {@link SockDiag}, text in {@link ProcNetTables}) tag each socket with its table; a netlink record stores the
 * table's {@link #ordinal()} in its first byte.
 */
enum SocketTable {
    /** TCP over IPv4. */
    TCP("tcp", Protocol.TCP, 2, 4),
    /** TCP over IPv6. */
    TCP6("tcp6", Protocol.TCP, 10, 16),
    /** UDP over IPv4. */
    UDP("udp", Protocol.UDP, 2, 4),
    /** UDP over IPv6. */
    UDP6("udp6", Protocol.UDP, 10, 16);

    private static final SocketTable[] ALL = values();
    /** The kernel's TCP states by number ({@code include/net/tcp_states.h}); 12, NEW_SYN_RECV, is a SYN_RECV. */
    private static final SocketState[] TCP_STATES = {SocketState.OTHER, SocketState.ESTABLISHED,
        SocketState.SYN_SENT, SocketState.SYN_RECV, SocketState.FIN_WAIT_1, SocketState.FIN_WAIT_2,
        SocketState.TIME_WAIT, SocketState.CLOSE, SocketState.CLOSE_WAIT, SocketState.LAST_ACK, SocketState.LISTEN,
        SocketState.CLOSING, SocketState.SYN_RECV};
    private static final int IPPROTO_TCP = 6;
    private static final int IPPROTO_UDP = 17;

    private final String fileName;
    private final Protocol protocol;
    private final int family;
    private final int addressBytes;

    SocketTable(String fileName, Protocol protocol, int family, int addressBytes) {
        this.fileName = fileName;
        this.protocol = protocol;
        this.family = family;
        this.addressBytes = addressBytes;
    }

    /** The table with this {@link #ordinal()}, as stored in a netlink record. */
    static SocketTable ofOrdinal(int ordinal) {
        return ALL[ordinal];
    }

    /** The TCP table of an address family ({@code AF_INET} or {@code AF_INET6}). */
    static SocketTable tcpOfFamily(int family) {
        return family == TCP6.family ? TCP6 : TCP;
    }

    /** The file's name under {@code /proc/net}. */
    String fileName() {
        return fileName;
    }

    /** TCP or UDP. */
    Protocol protocol() {
        return protocol;
    }

    /** The address family, {@code AF_INET} (2) or {@code AF_INET6} (10). */
    int family() {
        return family;
    }

    /** The IP protocol number netlink asks for, {@code IPPROTO_TCP} or {@code IPPROTO_UDP}. */
    int ipProtocol() {
        return protocol == Protocol.TCP ? IPPROTO_TCP : IPPROTO_UDP;
    }

    /** Bytes of an address: 4 or 16. */
    int addressBytes() {
        return addressBytes;
    }

    /** Whether the kernel may leave this table out (no IPv6, no UDP): only TCP over IPv4 must be there. */
    boolean optional() {
        return this != TCP;
    }

    /** The socket state as OSHI reports it, from the kernel's TCP state number and whether a peer is set. */
    SocketState stateOf(int tcpState, Optional<Endpoint> remote) {
        if (protocol == Protocol.UDP) {
            return remote.isPresent() ? SocketState.ESTABLISHED : SocketState.BOUND;
        }
        return tcpState >= 0 && tcpState < TCP_STATES.length ? TCP_STATES[tcpState] : SocketState.OTHER;
    }
}
