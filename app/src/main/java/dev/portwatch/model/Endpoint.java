package dev.portwatch.model;

import java.util.Objects;

/**
 * An address and port as shown to users.
 *
 * @param address the IP address in its canonical text form ({@code "127.0.0.1"}, {@code "::1"}, {@code "0.0.0.0"},
 *                {@code "::"}); never {@code null}
 * @param port    the port number, 0 to 65535 (0 means "no port", for example a UDP socket's missing peer)
 */
public record Endpoint(String address, int port) {

    /** Validates the fields. */
    public Endpoint {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > PortRange.MAX_PORT) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** The endpoint as users type it: {@code 127.0.0.1:62893} or {@code [::1]:62893}. */
    @Override
    public String toString() {
        return Addresses.hostPort(address, port);
    }
}
