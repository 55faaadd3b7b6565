package dev.portwatch.core;

import dev.portwatch.model.Protocol;

/** Which protocols a view shows. */
public enum ProtocolChoice {
    BOTH("TCP + UDP"),
    TCP("TCP"),
    UDP("UDP");

    private final String label;

    ProtocolChoice(String label) {
        this.label = label;
    }

    /** True when sockets of this protocol are shown. */
    public boolean accepts(Protocol protocol) {
        return switch (this) {
            case BOTH -> true;
            case TCP -> protocol == Protocol.TCP;
            case UDP -> protocol == Protocol.UDP;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
