package dev.portwatch.core.actions;

import dev.portwatch.model.ByteString;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A command line and environment with one port replaced by another, byte for byte, and where the replacements are.
 *
 * @param oldPort          the port that was looked for
 * @param newPort          the port written in its place
 * @param oldArguments     the argument vector as it was, {@code argv[0]} first
 * @param newArguments     the argument vector with the replacements, same length and order
 * @param oldEnvironment   the environment entries ({@code NAME=VALUE}) as they were, in order
 * @param newEnvironment   the environment entries with the replacements, same length and order
 * @param changedArguments indexes into the argument vectors whose element changed, ascending
 * @param changedVariables names of the environment variables whose value changed, sorted
 * @param leftUnchanged    other places that mention the port but do not name the listening port ({@code argument 4
 *                         (--retries 21048)}, {@code $JAVA_OPTS}), left as they are; shown in the plan
 */
public record PortRewrite(int oldPort, int newPort, List<ByteString> oldArguments, List<ByteString> newArguments,
                          List<ByteString> oldEnvironment, List<ByteString> newEnvironment,
                          SortedSet<Integer> changedArguments, SortedSet<String> changedVariables,
                          List<String> leftUnchanged) {

    /** Validates and copies. */
    public PortRewrite {
        oldArguments = List.copyOf(oldArguments);
        newArguments = List.copyOf(newArguments);
        if (oldArguments.size() != newArguments.size()) {
            throw new IllegalArgumentException("argument vectors differ in length");
        }
        oldEnvironment = List.copyOf(oldEnvironment);
        newEnvironment = List.copyOf(newEnvironment);
        if (oldEnvironment.size() != newEnvironment.size()) {
            throw new IllegalArgumentException("environments differ in length");
        }
        changedArguments = Collections.unmodifiableSortedSet(new TreeSet<>(changedArguments));
        changedVariables = Collections.unmodifiableSortedSet(new TreeSet<>(
                Objects.requireNonNull(changedVariables, "changedVariables")));
        leftUnchanged = List.copyOf(leftUnchanged);
    }

    /** True when the port was found at least once, in the arguments or the environment. */
    public boolean found() {
        return !changedArguments.isEmpty() || !changedVariables.isEmpty();
    }

    /** Where the port was found, for a sentence: {@code "argument 3, $PORT"}. */
    public String whereFound() {
        var parts = new ArrayList<String>();
        changedArguments.forEach(i -> parts.add("argument " + i));
        changedVariables.forEach(name -> parts.add("$" + name));
        return String.join(", ", parts);
    }

    /** The sentence for the plan about mentions left alone, or empty when there are none. */
    public Optional<String> unchangedSentence() {
        return leftUnchanged.isEmpty() ? Optional.empty() : Optional.of("also mentions " + oldPort + " in "
                + String.join(", ", leftUnchanged) + ", left unchanged");
    }

    /** The old argument vector as text, for people (bytes that are not UTF-8 show as U+FFFD). */
    public List<String> oldArgumentTexts() {
        return oldArguments.stream().map(ByteString::text).toList();
    }

    /** The new argument vector as text, for people (bytes that are not UTF-8 show as U+FFFD). */
    public List<String> newArgumentTexts() {
        return newArguments.stream().map(ByteString::text).toList();
    }

    /** A variable's value before, as text; empty when the environment has no such variable. */
    public Optional<String> oldValue(String name) {
        return value(oldEnvironment, name);
    }

    /** A variable's value after, as text; empty when the environment has no such variable. */
    public Optional<String> newValue(String name) {
        return value(newEnvironment, name);
    }

    private static Optional<String> value(List<ByteString> environment, String name) {
        String prefix = name + "=";
        return environment.stream().map(ByteString::text).filter(entry -> entry.startsWith(prefix))
                .map(entry -> entry.substring(prefix.length())).findFirst();
    }
}
