package dev.portwatch.ui;

import dev.portwatch.model.Listener;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Something other panes can offer for a port's holder (a socket), without knowing the flow behind it: the watch
 * list offers these in an entry's context menu for the entry's holders. Features register them on the
 * {@link MainView}.
 *
 * @param id        the menu item's id
 * @param label     the menu text, ending in an ellipsis when it asks first
 * @param appliesTo whether the action applies to a holder
 * @param run       runs the action for a holder; JavaFX thread
 */
public record HolderAction(String id, String label, Predicate<Listener> appliesTo, Consumer<Listener> run) {

    /** Checks the parts. */
    public HolderAction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(appliesTo, "appliesTo");
        Objects.requireNonNull(run, "run");
    }
}
