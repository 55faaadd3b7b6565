package dev.portwatch.core.settings;

import java.util.Objects;

/**
 * How one column of the live table was left: its place comes from its position in the saved list.
 *
 * @param id      the column's id ({@code port}, {@code process}, ...)
 * @param width   the width in pixels, positive
 * @param visible whether the column is shown
 */
public record ColumnLayout(String id, double width, boolean visible) {

    /** Validates the fields. */
    public ColumnLayout {
        Objects.requireNonNull(id, "id");
        if (!(width > 0)) {
            throw new IllegalArgumentException("column width must be positive: " + width);
        }
    }
}
