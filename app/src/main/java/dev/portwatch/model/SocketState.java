package dev.portwatch.model;

/**
 * What a socket is doing, reduced to what a port monitor needs.
 *
 * <p>{@link #LISTEN} is a TCP socket accepting connections; {@link #BOUND} is a UDP socket bound to a local
 * port without a connected peer (UDP's equivalent of listening). Every other TCP state is folded into
 * {@link #ESTABLISHED} or {@link #OTHER}.
 */
public enum SocketState {
    LISTEN,
    BOUND,
    ESTABLISHED,
    OTHER;

    /** True for the states that hold a port open for others to reach: TCP LISTEN and unconnected UDP. */
    public boolean isListening() {
        return this == LISTEN || this == BOUND;
    }
}
