package dev.portwatch.core.watch;

import dev.portwatch.model.PortRange;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.WatchRule;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads watch specifications as users type them, shared by {@code --watch}, {@code status --watch} and the watch
 * panel, so all three accept and refuse the same text with the same messages.
 *
 * <p>Grammar: comma-separated parts, each a port ({@code 62893}) or a range ({@code 3000-3010}), optionally
 * followed by {@code /tcp}, {@code /udp} or {@code /both} (TCP when omitted). Spaces around a part are ignored
 * ({@code " 80"} and {@code "80, 81"} are fine); an empty part ({@code "80,"}) is refused. The watch panel (its
 * protocol comes from its own choice) and {@code kill} (ports only) read the same parts with {@link #ranges} and
 * {@link #ports}, so the same text means the same thing everywhere. Pure and thread-safe.
 */
public final class WatchSpecs {

    /** The widest range accepted, in ports, so a typo like {@code 1-65535} does not watch everything. */
    public static final int MAX_WIDTH = 1_024;

    private WatchSpecs() {
    }

    /**
     * Parses a whole specification into TCP-by-default rules without labels.
     *
     * @throws WatchSpecException naming the first bad part, or two parts that overlap
     */
    public static List<WatchRule> parse(String spec) throws WatchSpecException {
        List<WatchRule> rules = new ArrayList<>();
        for (String part : parts(spec)) {
            WatchRule rule = parsePart(part);
            Optional<String> clash = clash(rule, rules, Optional.empty());
            if (clash.isPresent()) {
                throw new WatchSpecException(clash.get());
            }
            rules.add(rule);
        }
        return List.copyOf(rules);
    }

    /**
     * Parses the port text of the watch panel: one or more ports or ranges, comma-separated, without a protocol
     * suffix (the panel chooses the protocol apart).
     *
     * @throws WatchSpecException naming the first bad part
     */
    public static List<PortRange> ranges(String text) throws WatchSpecException {
        List<PortRange> ranges = new ArrayList<>();
        for (String part : parts(text)) {
            ranges.add(range(part));
        }
        return List.copyOf(ranges);
    }

    /**
     * Parses port numbers, as {@code kill} takes them: {@code 80}, {@code " 80"}, {@code "80, 81"}.
     *
     * @throws WatchSpecException naming the first bad part; a range or a protocol suffix is refused
     */
    public static List<Integer> ports(String text) throws WatchSpecException {
        List<Integer> ports = new ArrayList<>();
        for (String part : parts(text)) {
            String port = part.strip();
            if (port.indexOf('-', 1) > 0 || port.contains("/")) {
                throw new WatchSpecException("'" + port + "': give port numbers here, not a range or a protocol");
            }
            int parsed = port(port);
            if (!ports.contains(parsed)) {
                ports.add(parsed);
            }
        }
        return List.copyOf(ports);
    }

    /** The comma-separated parts of a specification; refuses an empty one (a stray comma) naming the text. */
    private static List<String> parts(String spec) throws WatchSpecException {
        if (spec.isBlank()) {
            throw new WatchSpecException("empty watch list: give a port such as 62893 or a range such as 3000-3010");
        }
        List<String> parts = List.of(spec.split(",", -1));
        if (parts.stream().anyMatch(String::isBlank)) {
            throw new WatchSpecException("'" + spec.strip() + "' has an empty entry; remove the extra comma");
        }
        return parts;
    }

    /** Parses several specifications (a repeated option) as one. */
    public static List<WatchRule> parseAll(List<String> specs) throws WatchSpecException {
        return parse(String.join(",", specs));
    }

    /**
     * Parses one part: {@code 62893}, {@code 3000-3010}, {@code 5353/udp}.
     *
     * @throws WatchSpecException naming the part and what is wrong with it
     */
    public static WatchRule parsePart(String part) throws WatchSpecException {
        String text = part.strip();
        Set<Protocol> protocols = EnumSet.of(Protocol.TCP);
        int slash = text.indexOf('/');
        if (slash >= 0) {
            protocols = protocols(text.substring(slash + 1).strip(), part);
            text = text.substring(0, slash).strip();
        }
        return new WatchRule(range(text, part), "", "", protocols);
    }

    /**
     * Parses the port text of the watch panel: a port or a range, nothing else.
     *
     * @throws WatchSpecException naming the text and what is wrong with it
     */
    public static PortRange range(String text) throws WatchSpecException {
        return range(text.strip(), text);
    }

    /**
     * Why {@code candidate} cannot join {@code existing}: it repeats or overlaps an entry with a shared protocol.
     *
     * @param replacing the entry being edited, which the candidate replaces and so may overlap
     * @return a sentence naming the clashing entry, or empty when the candidate fits
     */
    public static Optional<String> clash(WatchRule candidate, List<WatchRule> existing, Optional<WatchRule> replacing) {
        for (WatchRule rule : existing) {
            if (replacing.isPresent() && replacing.get().equals(rule)) {
                continue;
            }
            if (rule.overlaps(candidate)) {
                boolean same = rule.ports().equals(candidate.ports());
                return Optional.of("'" + candidate.ports() + "' " + (same ? "duplicates" : "overlaps")
                        + " the watched entry " + rule.describe());
            }
        }
        return Optional.empty();
    }

    private static PortRange range(String text, String part) throws WatchSpecException {
        if (text.isEmpty()) {
            throw new WatchSpecException("'" + part.strip() + "': expected a port such as 62893 or a range such as "
                    + "3000-3010");
        }
        int dash = text.indexOf('-', 1);
        if (dash < 0) {
            return PortRange.of(port(text));
        }
        int from = port(text.substring(0, dash).strip());
        int to = port(text.substring(dash + 1).strip());
        if (from > to) {
            throw new WatchSpecException("'" + text + "': the range is reversed; write " + to + "-" + from);
        }
        int width = to - from + 1;
        if (width > MAX_WIDTH) {
            throw new WatchSpecException("'" + text + "': the range spans " + width + " ports; at most " + MAX_WIDTH
                    + " are allowed");
        }
        return new PortRange(from, to);
    }

    private static int port(String text) throws WatchSpecException {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new WatchSpecException("'" + text + "' is not a port number");
        }
        // Longer than any port: say "above 65535" without overflowing int.
        if (text.length() > 5 || Integer.parseInt(text) > PortRange.MAX_PORT) {
            throw new WatchSpecException("'" + text + "' is above " + PortRange.MAX_PORT + ", the highest port");
        }
        int port = Integer.parseInt(text);
        if (port == 0) {
            throw new WatchSpecException("'" + text + "': port 0 cannot be watched (it means \"any free port\")");
        }
        return port;
    }

    private static Set<Protocol> protocols(String text, String part) throws WatchSpecException {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "tcp" -> EnumSet.of(Protocol.TCP);
            case "udp" -> EnumSet.of(Protocol.UDP);
            case "both", "tcp+udp" -> EnumSet.of(Protocol.TCP, Protocol.UDP);
            default -> throw new WatchSpecException("'" + part.strip() + "': expected /tcp, /udp or /both after "
                    + "the port, not '/" + text + "'");
        };
    }
}
