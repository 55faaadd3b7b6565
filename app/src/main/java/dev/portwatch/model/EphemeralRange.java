package dev.portwatch.model;

import java.util.Objects;

/**
 * The local ports the OS hands out for outgoing connections and port-0 binds: a server that binds a port in this
 * range can collide with a random client connection.
 *
 * @param first  the lowest ephemeral port, inclusive, 1 to 65535
 * @param last   the highest ephemeral port, inclusive, at least {@code first}
 * @param source where the range came from, for users ({@code "/proc/sys/net/ipv4/ip_local_port_range"} or
 *               {@code "the usual default of this OS"})
 */
public record EphemeralRange(int first, int last, String source) {

    /** The IANA dynamic range 49152–65535, the default of Windows and macOS. */
    public static final EphemeralRange IANA_DYNAMIC =
            new EphemeralRange(49_152, PortRange.MAX_PORT, "the IANA dynamic range");

    /** Validates the fields. */
    public EphemeralRange {
        if (first < 1 || last > PortRange.MAX_PORT || first > last) {
            throw new IllegalArgumentException("bad ephemeral range " + first + "-" + last);
        }
        Objects.requireNonNull(source, "source");
    }

    /** True when {@code port} lies in the range. */
    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    /** {@code "32768–60999"}. */
    @Override
    public String toString() {
        return first + "–" + last;
    }
}
