package dev.portwatch.ui.actions;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Checks the new port of a move for the Move dialog: live as the user types, from what portwatch already knows,
 * and once more when Move is clicked, by binding it, so a port taken since the last scan keeps the dialog open.
 */
public interface NewPortCheck {

    /**
     * Why the port can't be the new one as far as the last scan and the watch list tell ("18100 is held by python3
     * (pid 4242) on 127.0.0.1."); empty when nothing is known against it. JavaFX thread; opens no socket.
     */
    Optional<String> problem(int port);

    /**
     * Probes the port off the JavaFX thread and delivers, on it, why it can't be used; empty when it is free.
     */
    void probe(int port, Consumer<Optional<String>> onFx);
}
