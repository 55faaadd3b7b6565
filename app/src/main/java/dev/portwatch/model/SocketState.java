package dev.portwatch.model;

/**
 * What a socket is doing.
 *
 * <p>{@link #LISTEN} is a TCP socket accepting connections; {@link #BOUND} is a UDP socket bound to a local
 * port without a connected peer (UDP's equivalent of listening). A connected UDP socket is {@link #ESTABLISHED}.
 * The other values are the TCP states of RFC 793 as the kernel names them; {@link #OTHER} is a state the OS
 * reported that portwatch does not know.
 */
public enum SocketState {
    LISTEN,
    BOUND,
    ESTABLISHED,
    SYN_SENT,
    SYN_RECV,
    FIN_WAIT_1,
    FIN_WAIT_2,
    TIME_WAIT,
    CLOSE,
    CLOSE_WAIT,
    LAST_ACK,
    CLOSING,
    OTHER;

    /** True for the states that hold a port open for others to reach: TCP LISTEN and unconnected UDP. */
    public boolean isListening() {
        return this == LISTEN || this == BOUND;
    }

    /**
     * True for the states of a connection its process has already closed, which the kernel keeps for a while to
     * finish the goodbye (TIME_WAIT, and FIN_WAIT, CLOSING, LAST_ACK of an orphaned socket). Such a socket still
     * blocks a plain {@code bind} of its local port, but not one with {@code SO_REUSEADDR}.
     */
    public boolean isClosing() {
        return this == TIME_WAIT || this == FIN_WAIT_1 || this == FIN_WAIT_2 || this == CLOSING || this == LAST_ACK;
    }

    /** The state as {@code ss} and {@code netstat} print it: {@code LISTEN}, {@code TIME_WAIT}, {@code UNCONN}. */
    public String label() {
        return this == BOUND ? "UNCONN" : name();
    }
}
