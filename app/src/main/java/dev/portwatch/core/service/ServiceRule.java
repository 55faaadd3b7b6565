package dev.portwatch.core.service;

import dev.portwatch.model.Listener;
import dev.portwatch.model.Protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One rule of the bundled rule file: a regular expression over the owner's command line, and how the socket's
 * port must relate to it.
 *
 * @param name        the service name shown when the rule matches
 * @param needs       literal texts of which the command line must contain one before the pattern is tried; empty
 *                    to always try it
 * @param match       searched in the command line
 * @param portFromArgument true: the pattern's named group {@code port} (or {@code defaultPort} when that group did
 *                    not take part in the match) must equal the socket's port; false: any listening port of the
 *                    process is this service
 * @param defaultPort the port used when the {@code port} group is absent from a match; empty for none
 * @param protocols   the protocols the rule applies to
 * @param why         the reason shown to users; {@code {match}} and {@code {port}} are replaced
 * @param web         true for HTTP servers a browser can open (dev servers, app servers)
 */
record ServiceRule(String name, List<String> needs, Pattern match, boolean portFromArgument, OptionalInt defaultPort,
                   Set<Protocol> protocols, String why, boolean web) {

    ServiceRule {
        Objects.requireNonNull(name, "name");
        needs = List.copyOf(needs);
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(defaultPort, "defaultPort");
        protocols = Set.copyOf(protocols);
        Objects.requireNonNull(why, "why");
        if (portFromArgument && defaultPort.isEmpty() && !match.pattern().contains("(?<port>")) {
            throw new IllegalArgumentException("rule '" + name + "' checks the port but has no port group");
        }
    }

    /**
     * One place the pattern matched a command line.
     *
     * @param port    the port the match names, or -1 when the rule accepts any port of the process
     * @param matched the matched text
     */
    record Hit(int port, String matched) {
    }

    /** Every match of the pattern in a command line; searched once per process, then checked per socket. */
    List<Hit> find(String commandLine) {
        // String.contains is far cheaper than a regex scan of a long class path, and most rules fail it.
        if (!needs.isEmpty() && needs.stream().noneMatch(commandLine::contains)) {
            return List.of();
        }
        List<Hit> hits = new ArrayList<>();
        Matcher matcher = match.matcher(commandLine);
        while (matcher.find()) {
            hits.add(new Hit(portFromArgument ? portOf(matcher) : -1, matcher.group().strip()));
            if (!portFromArgument) {
                break;
            }
        }
        return hits;
    }

    /** The service on a socket, given this rule's hits in its owner's command line. */
    Optional<ServiceMatch> accept(Listener listener, List<Hit> hits) {
        if (!protocols.contains(listener.protocol())) {
            return Optional.empty();
        }
        if (!portFromArgument && !listener.state().isListening()) {
            // A process-wide rule says nothing about the ephemeral port of an outgoing connection.
            return Optional.empty();
        }
        for (Hit hit : hits) {
            if (!portFromArgument || hit.port() == listener.port()) {
                String reason = why.replace("{match}", hit.matched())
                        .replace("{port}", String.valueOf(listener.port()));
                return Optional.of(new ServiceMatch(name, reason, false, web));
            }
        }
        return Optional.empty();
    }

    private int portOf(Matcher matcher) {
        String port = match.pattern().contains("(?<port>") ? matcher.group("port") : null;
        if (port == null) {
            return defaultPort.orElse(-1);
        }
        try {
            return Integer.parseInt(port);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
