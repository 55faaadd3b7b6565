package dev.portwatch.cli;

import java.io.Console;
import java.util.Locale;
import java.util.Optional;

/** Yes/no questions on the terminal, for commands that change something. */
final class Terminal {

    private Terminal() {
    }

    /**
     * Asks a question on the terminal; anything but an answer starting with {@code y} is a no.
     *
     * @return the answer, or empty when standard input or output is not a terminal (nobody can answer)
     */
    static Optional<Boolean> confirm(String question) {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        String answer = console.readLine("%s [y/N] ", question);
        return Optional.of(answer != null && answer.strip().toLowerCase(Locale.ROOT).startsWith("y"));
    }
}
