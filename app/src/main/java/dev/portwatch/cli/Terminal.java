package dev.portwatch.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/** Yes/no questions on the terminal, for commands that change something. */
final class Terminal {

    /**
     * Asks the user a yes/no question: on this terminal, or (under {@code portwatch remote}) on the terminal of
     * the user who ran {@code --host}.
     */
    @FunctionalInterface
    interface Confirmer {
        /** The answer, or empty when nobody can answer (no terminal). */
        Optional<Boolean> ask(String question);
    }

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

    /**
     * The confirmation step of a command that changes something: skipped with {@code --yes}, else asked on the
     * terminal.
     *
     * @return empty to go on; else the exit code to stop with: 2 when there is no terminal to ask on, 1 when the
     *         answer was no
     */
    static OptionalInt confirmOrStop(Confirmer confirmer, boolean yes, String question, PrintWriter err) {
        if (yes) {
            return OptionalInt.empty();
        }
        Optional<Boolean> answer = confirmer.ask(question);
        if (answer.isEmpty()) {
            err.println("portwatch: standard input is not a terminal; add --yes to confirm. Nothing changed.");
            return OptionalInt.of(2);
        }
        if (!answer.get()) {
            err.println("Nothing changed.");
            return OptionalInt.of(1);
        }
        return OptionalInt.empty();
    }
}
