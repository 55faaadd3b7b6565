package dev.portwatch.model;

/**
 * An inclusive range of ports; a single port is a range of width 1.
 *
 * @param from the first port, 1 to 65535
 * @param to   the last port, {@code from} to 65535
 */
public record PortRange(int from, int to) {

    /** The highest port number. */
    public static final int MAX_PORT = 65_535;

    /** Validates the bounds. */
    public PortRange {
        if (from < 1 || to > MAX_PORT || from > to) {
            throw new IllegalArgumentException("not a port range: " + from + "-" + to);
        }
    }

    /** A range holding one port. */
    public static PortRange of(int port) {
        return new PortRange(port, port);
    }

    /** True for a range of one port. */
    public boolean isSinglePort() {
        return from == to;
    }

    /** How many ports the range holds, at least 1. */
    public int width() {
        return to - from + 1;
    }

    /** True when the port lies in the range. */
    public boolean contains(int port) {
        return port >= from && port <= to;
    }

    /** True when the two ranges share at least one port. */
    public boolean overlaps(PortRange other) {
        return from <= other.to && other.from <= to;
    }

    /** The range as users type it: {@code 62893} or {@code 3000-3010}. */
    @Override
    public String toString() {
        return isSinglePort() ? String.valueOf(from) : from + "-" + to;
    }
}
