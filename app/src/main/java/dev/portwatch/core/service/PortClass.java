package dev.portwatch.core.service;

import dev.portwatch.model.EphemeralRange;

import java.util.Objects;

/**
 * A port's IANA class and whether the OS may hand it out to outgoing connections.
 *
 * @param port      the port, 0–65535
 * @param range     its IANA class
 * @param ephemeral this OS's ephemeral range
 */
public record PortClass(int port, RangeClass range, EphemeralRange ephemeral) {

    /** Validates the fields. */
    public PortClass {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(ephemeral, "ephemeral");
    }

    /** Classifies a port against the given ephemeral range. */
    public static PortClass of(int port, EphemeralRange ephemeral) {
        return new PortClass(port, RangeClass.of(port), ephemeral);
    }

    /** True when the OS may pick this port for an outgoing connection or a port-0 bind. */
    public boolean inEphemeralRange() {
        return ephemeral.contains(port);
    }

    /** One line for users: {@code "registered (1024–49151), inside this OS's ephemeral range 32768–60999"}. */
    public String describe() {
        return range.describe() + (inEphemeralRange() ? ", inside" : ", outside") + " this OS's ephemeral range "
                + ephemeral;
    }
}
