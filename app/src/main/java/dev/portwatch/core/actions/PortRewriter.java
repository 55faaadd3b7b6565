package dev.portwatch.core.actions;

import dev.portwatch.model.ByteString;
import dev.portwatch.model.PortRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a command line and environment name a server's listening port, and writes another port there, byte
 * for byte (the bytes are matched one character per byte, so arguments that are not UTF-8 pass through unchanged).
 * Pure functions.
 *
 * <p>Only places that name the listening port change (for port 62893):
 * <ul>
 *   <li>port options: {@code --port 62893}, {@code --port=62893}, {@code -p 62893}, {@code -p62893}, any option
 *       whose name ends in {@code port} ({@code --http-port=62893}, {@code -Dserver.port=62893},
 *       {@code --inspect-port 62893});</li>
 *   <li>debugger addresses: JDWP {@code address=62893} / {@code address=HOST:62893} in {@code -agentlib:jdwp=} or
 *       {@code -Xrunjdwp:}, node {@code --inspect=62893} / {@code --inspect-brk=HOST:62893};</li>
 *   <li>an address or URL naming this machine, as a whole argument or option value: {@code 127.0.0.1:62893},
 *       {@code localhost:62893}, {@code 0.0.0.0:62893}, {@code [::1]:62893}, {@code :62893},
 *       {@code http://localhost:62893/x}, or the listener's own bind address;</li>
 *   <li>a bare argument {@code 62893} that is not another option's value, only when it is the process's sole
 *       mention of the port ({@code python3 -m http.server 62893});</li>
 *   <li>variables named {@code PORT} or {@code *_PORT} holding the port or such an address, and the option forms
 *       above inside {@code *_OPTS} / {@code *_OPTIONS} variables.</li>
 * </ul>
 * Every other mention ({@code --log=62893.log}, {@code --retries 62893}, {@code http://10.0.0.5:62893/}, free text,
 * {@code -Dcache.entries=62893}, {@code SUPPORT_URL}) is left alone and listed in {@link PortRewrite#leftUnchanged()}.
 * The digits must stand alone: looking for 3000 never matches 30001 or 13000. {@code argv[0]} is never rewritten.
 */
public final class PortRewriter {

    /** Host names that always mean this machine, besides any {@code 127.*} address. */
    private static final Set<String> LOCAL_HOSTS = Set.of("", "*", "localhost", "0.0.0.0", "::", "::1", "[::]",
            "[::1]", "ip6-localhost");
    private static final Pattern OPTION_WITH_VALUE = Pattern.compile("(-{1,2}[A-Za-z][\\w.-]*|-D[\\w.-]+)=(.*)",
            Pattern.DOTALL);
    private static final Pattern JDWP = Pattern.compile("(-agentlib:jdwp=|-Xrunjdwp:)(.*)", Pattern.DOTALL);
    /** Optional scheme, host (bracketed IPv6, or anything without ':' '/' or space), ':', port, optional path. */
    private static final Pattern ADDRESS = Pattern.compile(
            "((?:[A-Za-z][A-Za-z0-9+.-]*://)?)(\\[[0-9A-Fa-f:.]*\\]|[^:/\\s\\[\\]]*):([0-9]{1,5})(/\\S*)?");
    private static final Pattern PORT_VARIABLE = Pattern.compile("(?i)(.*_)?PORT");
    private static final Pattern OPTIONS_VARIABLE = Pattern.compile("(?i).*_(OPTS|OPTIONS)");

    private PortRewriter() {
    }

    /** {@link #rewrite(List, List, int, int, Set)} for a server bound only to loopback or wildcard addresses. */
    public static PortRewrite rewrite(List<ByteString> arguments, List<ByteString> environment, int oldPort,
                                      int newPort) {
        return rewrite(arguments, environment, oldPort, newPort, Set.of());
    }

    /**
     * Replaces every place that names {@code oldPort} as the listening port by {@code newPort}.
     *
     * @param arguments    the argument vector, {@code argv[0]} first
     * @param environment  the environment entries, {@code NAME=VALUE}
     * @param bindAddresses the addresses the server listens on ({@code 192.168.1.5}), which name this machine too
     * @return the rewrite; {@link PortRewrite#found()} is false when the port was named nowhere
     * @throws IllegalArgumentException when a port is outside 1..65535
     */
    public static PortRewrite rewrite(List<ByteString> arguments, List<ByteString> environment, int oldPort,
                                      int newPort, Set<String> bindAddresses) {
        checkPort(oldPort);
        checkPort(newPort);
        var context = new Context(String.valueOf(oldPort), String.valueOf(newPort), bindAddresses);
        int mentions = 0;
        for (int i = 1; i < arguments.size(); i++) {
            mentions += context.count(arguments.get(i).latin1());
        }
        for (ByteString entry : environment) {
            mentions += context.count(entry.latin1());
        }

        List<ByteString> newArguments = new ArrayList<>(arguments);
        var changedArguments = new TreeSet<Integer>();
        List<String> unchanged = new ArrayList<>();
        for (int i = 1; i < arguments.size(); i++) {
            String argument = arguments.get(i).latin1();
            String previous = i > 1 ? arguments.get(i - 1).latin1() : "";
            String replaced = context.argument(argument, previous, mentions == 1);
            if (!replaced.equals(argument)) {
                newArguments.set(i, ByteString.fromLatin1(replaced));
                changedArguments.add(i);
            } else if (context.count(argument) > 0) {
                unchanged.add("argument " + i + " (" + shorten(arguments.get(i).text()) + ")");
            }
        }
        List<ByteString> newEnvironment = new ArrayList<>(environment);
        var changedVariables = new TreeSet<String>();
        for (int i = 0; i < environment.size(); i++) {
            String entry = environment.get(i).latin1();
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String name = entry.substring(0, equals);
            String value = entry.substring(equals + 1);
            String replaced = context.variable(name, value);
            String shownName = ByteString.fromLatin1(name).text();
            if (!replaced.equals(value)) {
                newEnvironment.set(i, ByteString.fromLatin1(name + "=" + replaced));
                changedVariables.add(shownName);
            } else if (context.count(value) > 0) {
                unchanged.add("$" + shownName);
            }
        }
        return new PortRewrite(oldPort, newPort, arguments, newArguments, environment, newEnvironment,
                changedArguments, changedVariables, unchanged);
    }

    /** The rules, for one port pair and one set of bind addresses. Works on ISO-8859-1 text, one char per byte. */
    private static final class Context {

        private final String from;
        private final String to;
        private final Set<String> bindAddresses;
        private final Pattern standalone;

        Context(String from, String to, Set<String> bindAddresses) {
            this.from = from;
            this.to = to;
            this.bindAddresses = Set.copyOf(bindAddresses);
            this.standalone = Pattern.compile("(?<![0-9])" + Pattern.quote(from) + "(?![0-9])");
        }

        /** How often the port's digits stand alone in the text. */
        int count(String text) {
            Matcher matcher = standalone.matcher(text);
            int count = 0;
            while (matcher.find()) {
                count++;
            }
            return count;
        }

        /** One argument, given the one before it (an option whose value it may be). */
        String argument(String argument, String previous, boolean soleMention) {
            if (argument.equals(from)) {
                boolean optionValue = previous.startsWith("-") && previous.indexOf('=') < 0;
                if (optionValue) {
                    return portOption(previous) ? to : argument;
                }
                return soleMention ? to : argument;
            }
            return token(argument);
        }

        /** An argument or a word of an {@code *_OPTS} variable, outside the bare-argument rule. */
        String token(String token) {
            if (token.equals("-p" + from)) {
                return "-p" + to;
            }
            Matcher jdwp = JDWP.matcher(token);
            if (jdwp.matches()) {
                return jdwp.group(1) + jdwpOptions(jdwp.group(2));
            }
            Matcher option = OPTION_WITH_VALUE.matcher(token);
            if (option.matches()) {
                String name = option.group(1);
                String value = option.group(2);
                if ((portOption(name) || inspector(name)) && value.equals(from)) {
                    return name + "=" + to;
                }
                return name + "=" + address(value);
            }
            return address(token);
        }

        String variable(String name, String value) {
            if (PORT_VARIABLE.matcher(name).matches()) {
                return value.strip().equals(from) ? value.replace(from, to) : address(value);
            }
            if (OPTIONS_VARIABLE.matcher(name).matches()) {
                // Words separated by spaces, the separators kept as they were.
                StringBuilder out = new StringBuilder();
                Matcher words = Pattern.compile("\\S+|\\s+").matcher(value);
                String previous = "";
                while (words.find()) {
                    String word = words.group();
                    if (word.isBlank()) {
                        out.append(word);
                        continue;
                    }
                    out.append(word.equals(from) ? (portOption(previous) ? to : word) : token(word));
                    previous = word;
                }
                return out.toString();
            }
            return value;
        }

        private String jdwpOptions(String options) {
            String[] parts = options.split(",", -1);
            for (int i = 0; i < parts.length; i++) {
                if (parts[i].startsWith("address=")) {
                    String value = parts[i].substring("address=".length());
                    parts[i] = "address=" + (value.equals(from) ? to : address(value));
                }
            }
            return String.join(",", parts);
        }

        /** The value with the port replaced when it is an address or URL on this machine; else unchanged. */
        private String address(String value) {
            Matcher matcher = ADDRESS.matcher(value);
            if (!matcher.matches() || !matcher.group(3).equals(from) || !local(matcher.group(2))) {
                return value;
            }
            return matcher.group(1) + matcher.group(2) + ":" + to + (matcher.group(4) == null ? "" : matcher.group(4));
        }

        private boolean local(String host) {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            String lower = bare.toLowerCase(Locale.ROOT);
            return LOCAL_HOSTS.contains(lower) || lower.startsWith("127.") || bindAddresses.contains(lower)
                    || bindAddresses.contains(bare);
        }
    }

    /**
     * {@code -p}, or an option whose name ends in "port": {@code --port}, {@code --http-port}, {@code -Dserver.port}.
     */
    static boolean portOption(String option) {
        if (option.equals("-p")) {
            return true;
        }
        if (!option.startsWith("-")) {
            return false;
        }
        String name = option.replaceFirst("^-D|^-{1,2}", "").toLowerCase(Locale.ROOT);
        return name.equals("port") || name.endsWith("-port") || name.endsWith(".port") || name.endsWith("_port");
    }

    private static boolean inspector(String option) {
        return option.equals("--inspect") || option.equals("--inspect-brk") || option.equals("--inspect-wait");
    }

    private static String shorten(String text) {
        String oneLine = text.replace("\n", "\\n");
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 39) + "…";
    }

    private static void checkPort(int port) {
        if (port < 1 || port > PortRange.MAX_PORT) {
            throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
        }
    }
}
