package dev.portwatch.core.service;

import java.util.Objects;

/**
 * What portwatch recognised on a port, and why.
 *
 * @param name   a short service name for the table ({@code "JDWP debugger"}, {@code "postgresql"}); never blank
 * @param reason a sentence saying how it was recognised, for the detail pane; never blank
 * @param guess  true when only the port number suggests the service (an IANA name), so it may well be something else
 * @param web    true when the service speaks HTTP to browsers (a dev server, an HTTP port's IANA name, a container's
 *               HTTP port), so the window offers to open it in a browser
 */
public record ServiceMatch(String name, String reason, boolean guess, boolean web) {

    /** Validates the fields. */
    public ServiceMatch {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (Objects.requireNonNull(reason, "reason").isBlank()) {
            throw new IllegalArgumentException("reason must not be blank");
        }
    }

    /** A match that is not a web server. */
    public ServiceMatch(String name, String reason, boolean guess) {
        this(name, reason, guess, false);
    }

    /** The name as shown in the table and JSON: guesses end in a question mark ({@code "postgresql?"}). */
    public String label() {
        return guess ? name + "?" : name;
    }
}
