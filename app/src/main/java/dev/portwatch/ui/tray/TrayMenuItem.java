package dev.portwatch.ui.tray;

import java.util.Objects;
import java.util.Optional;

/** One line of the tray menu. */
public sealed interface TrayMenuItem {

    /**
     * A clickable line, or a disabled one when {@code command} is empty.
     *
     * @param label   the text
     * @param command what it does; empty for an information line
     */
    record Item(String label, Optional<TrayCommand> command) implements TrayMenuItem {
        /** Checks the fields. */
        public Item {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(command, "command");
        }

        /** A clickable line. */
        public static Item of(String label, TrayCommand command) {
            return new Item(label, Optional.of(command));
        }

        /** An information line. */
        public static Item info(String label) {
            return new Item(label, Optional.empty());
        }
    }

    /** A separator line. */
    record Separator() implements TrayMenuItem { }
}
