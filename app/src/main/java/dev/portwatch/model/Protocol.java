package dev.portwatch.model;

import java.util.Locale;

/** Transport protocol of a socket. */
public enum Protocol {
    TCP,
    UDP;

    /** Lower-case name as printed by the CLI and written to JSON: {@code "tcp"} or {@code "udp"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
