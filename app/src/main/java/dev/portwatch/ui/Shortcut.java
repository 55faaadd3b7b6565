package dev.portwatch.ui;

import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;

import java.util.Objects;

/**
 * One keyboard shortcut: the keys, what they do and where they work. The code registers shortcuts from these values
 * and Help ▸ Keyboard shortcuts lists the same values, so the list cannot drift from what the keys do.
 *
 * @param id     a stable name, for tests
 * @param keys   the key combination
 * @param action what it does, as a sentence fragment ("Scan now")
 * @param scope  where it works
 */
public record Shortcut(String id, KeyCombination keys, String action, Scope scope) {

    /** Where a shortcut works. */
    public enum Scope {
        /** Anywhere in the main window: a scene accelerator. */
        WINDOW("anywhere"),
        /** While the table has the keyboard focus (so Delete in the filter field still deletes text). */
        TABLE("in the table");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        /** How the shortcuts list names this scope. */
        public String label() {
            return label;
        }
    }

    /** Checks the fields. */
    public Shortcut {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(scope, "scope");
    }

    /** The keys as this platform writes them ("Ctrl+F", "⌘F"). */
    public String keysText() {
        return keys.getDisplayText();
    }

    /** True when a key event is this shortcut. */
    public boolean matches(KeyEvent event) {
        return keys.match(event);
    }
}
