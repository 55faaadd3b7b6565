package dev.portwatch.model;

/** IP version of a socket's address family. */
public enum IpVersion {
    V4,
    V6;

    /**
     * The version a user reaches a bound address with, from its canonical text: an IPv4-mapped address on an IPv6
     * socket (Java binds 127.0.0.1 that way) is the IPv4 address it stands for, which the text already shows.
     */
    public static IpVersion ofAddress(String canonicalAddress) {
        return canonicalAddress.indexOf(':') >= 0 ? V6 : V4;
    }

    /** Short label for display, {@code "4"} or {@code "6"}. */
    public String label() {
        return this == V4 ? "4" : "6";
    }
}
