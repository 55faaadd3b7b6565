package dev.portwatch.core.format;

import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.model.Listener;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * One field of a socket, defined once for every output: the window's table, {@code list}'s text table, JSON and
 * CSV. {@link SocketFields#ALL} lists them.
 *
 * @param id        stable identifier: the window column's id (saved in the column layout)
 * @param header    the column title in the window; {@code list} prints it in capitals. Empty for a field that only
 *                  the machine formats (JSON, CSV) carry.
 * @param jsonName  the JSON property and the CSV column
 * @param sort      how the window orders rows by this field
 * @param value     the field's value for JSON and CSV ({@link String} or {@link Integer}); empty when unknown, which
 *                  JSON writes as {@code null} and CSV as an empty cell
 * @param text      the field as the window and {@code list} show it; empty when unknown
 * @param unknown   what the window and {@code list} show when {@code text} is empty: {@code "?"} for what the OS
 *                  would not tell (another user's process), {@code ""} for what simply is not there
 */
public record SocketField(String id, String header, String jsonName, Sort sort, Reader<?> value, Reader<String> text,
                          String unknown) {

    /** How the window sorts by a field. */
    public enum Sort {
        /** By the value as a number; unknown values last. */
        NUMBER,
        /** By the shown text, ignoring case. */
        TEXT
    }

    /**
     * Reads a field from a socket.
     *
     * @param <T> the value's type
     */
    @FunctionalInterface
    public interface Reader<T> {
        /**
         * @param socket   the socket
         * @param services names the service on the socket (with container names where known); never blocks
         * @return the value, or empty when unknown
         */
        Optional<T> read(Listener socket, ServiceIdentifier services);
    }

    /** Checks the parts. */
    public SocketField {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(jsonName, "jsonName");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(unknown, "unknown");
    }

    /** Whether the window and {@code list} show this field as a column (else it is JSON and CSV only). */
    public boolean shownInTables() {
        return !header.isEmpty();
    }

    /** The field as the window and {@code list} show it, {@link #unknown} when unknown. */
    public String textOf(Listener socket, ServiceIdentifier services) {
        return text.read(socket, services).orElse(unknown);
    }

    /** The field for JSON and CSV: a {@link String}, an {@link Integer}, or null when unknown. */
    public Object jsonValueOf(Listener socket, ServiceIdentifier services) {
        return value.read(socket, services).orElse(null);
    }

    /** The window's order for this field. */
    public Comparator<Listener> order(ServiceIdentifier services) {
        if (sort == Sort.NUMBER) {
            return Comparator.comparingLong(l -> value.read(l, services)
                    .map(v -> ((Number) v).longValue()).orElse(Long.MAX_VALUE));
        }
        return Comparator.comparing(l -> textOf(l, services), String.CASE_INSENSITIVE_ORDER);
    }
}
