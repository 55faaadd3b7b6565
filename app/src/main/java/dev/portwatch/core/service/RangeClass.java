package dev.portwatch.core.service;

import dev.portwatch.model.PortRange;

/** The IANA class of a port number (RFC 6335). */
public enum RangeClass {
    /** 0–1023: system ports; binding them usually needs elevated rights on Unix. */
    WELL_KNOWN(0, 1023, "well-known"),
    /** 1024–49151: user ports, registered with IANA for particular services. */
    REGISTERED(1024, 49_151, "registered"),
    /** 49152–65535: dynamic/private ports, never registered. */
    DYNAMIC(49_152, PortRange.MAX_PORT, "dynamic");

    private final int first;
    private final int last;
    private final String label;

    RangeClass(int first, int last, String label) {
        this.first = first;
        this.last = last;
        this.label = label;
    }

    /**
     * The class of a port.
     *
     * @throws IllegalArgumentException when the port is outside 0–65535
     */
    public static RangeClass of(int port) {
        for (RangeClass range : values()) {
            if (port >= range.first && port <= range.last) {
                return range;
            }
        }
        throw new IllegalArgumentException("port out of range: " + port);
    }

    /** Lower-case name for display and JSON: {@code "well-known"}, {@code "registered"}, {@code "dynamic"}. */
    public String label() {
        return label;
    }

    /** {@code "registered (1024–49151)"}. */
    public String describe() {
        return label + " (" + first + "–" + last + ")";
    }
}
