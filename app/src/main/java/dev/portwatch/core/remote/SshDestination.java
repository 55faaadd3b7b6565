package dev.portwatch.core.remote;

import java.util.Objects;
import java.util.Optional;

/**
 * Where to reach a remote host: anything the system {@code ssh} accepts as its destination ({@code host},
 * {@code user@host}, {@code ssh://user@host:2222}, an alias from {@code ~/.ssh/config}).
 *
 * <p>portwatch never interprets the text beyond refusing what could change {@code ssh}'s meaning: a leading
 * {@code -} (an option such as {@code -oProxyCommand=...}), white space and control characters. It is passed to
 * {@code ssh} as one argument after {@code --}, never through a shell.
 *
 * @param text the destination as the user typed it
 */
public record SshDestination(String text) {

    /** Longer destinations are typing accidents, not hosts. */
    public static final int MAX_LENGTH = 255;

    /** Validates the destination; see {@link #check}. */
    public SshDestination {
        Objects.requireNonNull(text, "text");
        Optional<String> problem = check(text);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /**
     * Checks a destination the user typed, after trimming it.
     *
     * @throws IllegalArgumentException with one sentence naming the problem
     */
    public static SshDestination parse(String text) {
        return new SshDestination(Objects.requireNonNull(text, "text").strip());
    }

    /** Why {@code text} is not an acceptable destination, or empty when it is; for checks as the user types. */
    public static Optional<String> check(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.of("the SSH destination is empty");
        }
        if (text.length() > MAX_LENGTH) {
            return Optional.of("the SSH destination is longer than " + MAX_LENGTH + " characters");
        }
        if (text.startsWith("-")) {
            return Optional.of("the SSH destination must not start with '-' (ssh would read it as an option)");
        }
        if (text.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            return Optional.of("the SSH destination must not contain spaces or control characters");
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return text;
    }
}
