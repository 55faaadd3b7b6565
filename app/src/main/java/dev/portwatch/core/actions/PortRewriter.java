package dev.portwatch.core.actions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a port in a command line and environment and writes another in its place. Pure functions.
 *
 * <p>Recognised forms (for port 62893): a bare argument {@code 62893} (which covers {@code --port 62893} and
 * {@code -p 62893}), {@code -p62893}, and the port after {@code =} or {@code :} at the end of an argument or before
 * a separator: {@code --port=62893}, {@code -Dserver.port=62893}, {@code host:62893}, {@code http://host:62893/x},
 * JDWP {@code address=127.0.0.1:62893}, node {@code --inspect=127.0.0.1:62893}. The digits must stand alone:
 * looking for 3000 never matches 30001 or 13000. {@code argv[0]} (the program) is never rewritten.
 *
 * <p>In the environment: variables whose name contains {@code PORT} (a whole value {@code 62893} or the forms
 * above), and {@code *_OPTIONS} / {@code *_OPTS} variables (the forms after {@code =} or {@code :}, e.g.
 * {@code NODE_OPTIONS=--inspect=:9229}).
 */
public final class PortRewriter {

    private PortRewriter() {
    }

    /**
     * Replaces every recognised occurrence of {@code oldPort} by {@code newPort}.
     *
     * @param arguments   the argument vector, {@code argv[0]} first
     * @param environment the environment variables
     * @return the rewrite; {@link PortRewrite#found()} is false when the port was found nowhere
     * @throws IllegalArgumentException when a port is outside 1..65535
     */
    public static PortRewrite rewrite(List<String> arguments, Map<String, String> environment, int oldPort,
                                      int newPort) {
        checkPort(oldPort);
        checkPort(newPort);
        String from = String.valueOf(oldPort);
        String to = String.valueOf(newPort);
        Pattern embedded = embedded(from);
        List<String> newArguments = new ArrayList<>(arguments);
        var changedArguments = new TreeSet<Integer>();
        for (int i = 1; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            String replaced = replaceArgument(argument, from, to, embedded);
            if (!replaced.equals(argument)) {
                newArguments.set(i, replaced);
                changedArguments.add(i);
            }
        }
        Map<String, String> newEnvironment = new HashMap<>(environment);
        var changedVariables = new TreeSet<String>();
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey().toUpperCase(Locale.ROOT);
            String value = variable.getValue();
            String replaced = value;
            if (name.contains("PORT")) {
                replaced = value.strip().equals(from) ? to : replaceEmbedded(value, to, embedded);
            } else if (name.endsWith("_OPTIONS") || name.endsWith("_OPTS")) {
                replaced = replaceEmbedded(value, to, embedded);
            }
            if (!replaced.equals(value)) {
                newEnvironment.put(variable.getKey(), replaced);
                changedVariables.add(variable.getKey());
            }
        }
        return new PortRewrite(oldPort, newPort, arguments, newArguments, environment, newEnvironment,
                changedArguments, changedVariables);
    }

    private static String replaceArgument(String argument, String from, String to, Pattern embedded) {
        if (argument.equals(from)) {
            return to;
        }
        if (argument.equals("-p" + from)) {
            return "-p" + to;
        }
        return replaceEmbedded(argument, to, embedded);
    }

    private static String replaceEmbedded(String text, String to, Pattern embedded) {
        Matcher matcher = embedded.matcher(text);
        return matcher.find() ? matcher.replaceAll(Matcher.quoteReplacement(to)) : text;
    }

    /** The port right after {@code =} or {@code :}, not followed by a letter, a digit or a decimal part. */
    private static Pattern embedded(String port) {
        return Pattern.compile("(?<=[=:])" + Pattern.quote(port) + "(?![0-9A-Za-z_]|\\.[0-9])");
    }

    private static void checkPort(int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
        }
    }
}
