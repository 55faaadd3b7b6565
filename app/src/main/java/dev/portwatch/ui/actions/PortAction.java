package dev.portwatch.ui.actions;

import dev.portwatch.model.Listener;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Something the user can do to a socket's holder. The window turns each into a row-menu item, an Actions-menu item
 * and a toolbar button, all enabled by {@link #enabledFor}.
 *
 * @param id         stable identifier; the controls' ids derive from it ({@code killRow}, {@code killMenu},
 *                   {@code killButton})
 * @param label      the menu text, ending in an ellipsis when it asks first
 * @param tooltip    the toolbar button's tooltip
 * @param enabledFor whether the action applies to a socket
 * @param run        runs the action for a socket; JavaFX thread
 */
public record PortAction(String id, String label, String tooltip, Predicate<Listener> enabledFor,
                         Consumer<Listener> run) {

    /** Checks the parts. */
    public PortAction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(tooltip, "tooltip");
        Objects.requireNonNull(enabledFor, "enabledFor");
        Objects.requireNonNull(run, "run");
    }
}
