package dev.portwatch.core.actions;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A command line and environment with one port replaced by another, and where the replacements are.
 *
 * @param oldPort          the port that was looked for
 * @param newPort          the port written in its place
 * @param oldArguments     the argument vector as it was, {@code argv[0]} first
 * @param newArguments     the argument vector with the replacements, same length and order
 * @param oldEnvironment   the environment as it was
 * @param newEnvironment   the environment with the replacements
 * @param changedArguments indexes into the argument vectors whose element changed, ascending
 * @param changedVariables names of the environment variables whose value changed, sorted
 */
public record PortRewrite(int oldPort, int newPort, List<String> oldArguments, List<String> newArguments,
                          Map<String, String> oldEnvironment, Map<String, String> newEnvironment,
                          SortedSet<Integer> changedArguments, SortedSet<String> changedVariables) {

    /** Validates and copies. */
    public PortRewrite {
        oldArguments = List.copyOf(oldArguments);
        newArguments = List.copyOf(newArguments);
        if (oldArguments.size() != newArguments.size()) {
            throw new IllegalArgumentException("argument vectors differ in length");
        }
        oldEnvironment = Map.copyOf(oldEnvironment);
        newEnvironment = Map.copyOf(newEnvironment);
        changedArguments = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(changedArguments));
        changedVariables = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(
                Objects.requireNonNull(changedVariables, "changedVariables")));
    }

    /** True when the port was found at least once, in the arguments or the environment. */
    public boolean found() {
        return !changedArguments.isEmpty() || !changedVariables.isEmpty();
    }

    /** Where the port was found, for a sentence: {@code "argument 3, PORT"}. */
    public String whereFound() {
        var parts = new java.util.ArrayList<String>();
        changedArguments.forEach(i -> parts.add("argument " + i));
        changedVariables.forEach(name -> parts.add("$" + name));
        return String.join(", ", parts);
    }
}
