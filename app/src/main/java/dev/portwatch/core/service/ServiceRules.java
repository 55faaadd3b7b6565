package dev.portwatch.core.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portwatch.model.Protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads the rule file {@code service-rules.json} that ships beside this class. */
final class ServiceRules {

    static final String RESOURCE = "service-rules.json";

    private ServiceRules() {
    }

    /** The bundled rules, in file order. A broken bundled file is a build error, so it fails loudly. */
    static List<ServiceRule> bundled() {
        try (InputStream in = ServiceRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }

    static List<ServiceRule> parse(JsonNode root) {
        List<ServiceRule> rules = new ArrayList<>();
        for (JsonNode rule : root.path("rules")) {
            String name = rule.path("name").asText("");
            try {
                List<String> needs = new ArrayList<>();
                rule.path("needs").forEach(text -> needs.add(text.asText()));
                rules.add(new ServiceRule(name, needs, Pattern.compile(rule.path("match").asText()),
                        portFromArgument(rule.path("port").asText("any"), name),
                        rule.has("defaultPort") ? OptionalInt.of(rule.get("defaultPort").asInt())
                                : OptionalInt.empty(),
                        protocols(rule.path("protocol").asText("tcp"), name),
                        rule.path("why").asText("{match} in the command line"),
                        rule.path("web").asBoolean(false)));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("rule '" + name + "': bad pattern: " + e.getMessage(), e);
            }
        }
        return List.copyOf(rules);
    }

    private static boolean portFromArgument(String port, String rule) {
        return switch (port) {
            case "argument" -> true;
            case "any" -> false;
            default -> throw new IllegalArgumentException("rule '" + rule + "': port must be argument or any");
        };
    }

    private static Set<Protocol> protocols(String protocol, String rule) {
        return switch (protocol.toLowerCase(Locale.ROOT)) {
            case "tcp" -> EnumSet.of(Protocol.TCP);
            case "udp" -> EnumSet.of(Protocol.UDP);
            case "any" -> EnumSet.allOf(Protocol.class);
            default -> throw new IllegalArgumentException("rule '" + rule + "': protocol must be tcp, udp or any");
        };
    }
}
