package dev.portwatch.model;

/** IP version of a socket's address family. */
public enum IpVersion {
    V4,
    V6;

    /** Short label for display, {@code "4"} or {@code "6"}. */
    public String label() {
        return this == V4 ? "4" : "6";
    }
}
