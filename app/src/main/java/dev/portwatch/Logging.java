package dev.portwatch;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps library chatter (OSHI, JavaFX) off the terminal unless it is a warning worth reading. */
final class Logging {

    private Logging() {
    }

    static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        Logger.getLogger("").setLevel(Level.WARNING);
        Logger.getLogger("oshi").setLevel(Level.SEVERE);
    }
}
