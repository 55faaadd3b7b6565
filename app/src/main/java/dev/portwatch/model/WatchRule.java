package dev.portwatch.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One entry of the watch list: ports a developer cares about, and who should hold them.
 *
 * @param ports         the watched port or range
 * @param label         a name for the entry ("my API"); empty when none
 * @param expectedOwner a process name or a substring of the command line the holders must match, case-insensitive;
 *                      empty when any holder is fine
 * @param protocols     the protocols watched, never empty (TCP by default)
 */
public record WatchRule(PortRange ports, String label, String expectedOwner, Set<Protocol> protocols) {

    /** Validates the fields, trims the texts and copies the protocols. */
    public WatchRule {
        Objects.requireNonNull(ports, "ports");
        label = Objects.requireNonNull(label, "label").strip();
        expectedOwner = Objects.requireNonNull(expectedOwner, "expectedOwner").strip();
        if (protocols.isEmpty()) {
            throw new IllegalArgumentException("a watch rule needs at least one protocol");
        }
        protocols = Set.copyOf(EnumSet.copyOf(protocols));
    }

    /** A TCP rule with no label and no expected owner. */
    public static WatchRule tcp(PortRange ports) {
        return new WatchRule(ports, "", "", Set.of(Protocol.TCP));
    }

    /** True when sockets of this protocol are watched. */
    public boolean watches(Protocol protocol) {
        return protocols.contains(protocol);
    }

    /** True when the two rules could both match one socket: a shared protocol and overlapping ports. */
    public boolean overlaps(WatchRule other) {
        return ports.overlaps(other.ports) && protocols.stream().anyMatch(other.protocols::contains);
    }

    /** The protocols as a short label: {@code tcp}, {@code udp} or {@code tcp+udp}. */
    public String protocolLabel() {
        return EnumSet.copyOf(protocols).stream().map(Protocol::label).collect(Collectors.joining("+"));
    }

    /** How the rule reads in lists and logs: {@code 62893/tcp "my API"}. */
    public String describe() {
        String text = ports + "/" + protocolLabel();
        return label.isEmpty() ? text : text + " \"" + label + "\"";
    }

    /** True when a process's name equals, or its command line contains, the expected owner (case-insensitive). */
    public boolean ownerMatches(ProcessInfo process) {
        if (expectedOwner.isEmpty()) {
            return true;
        }
        String wanted = expectedOwner.toLowerCase(Locale.ROOT);
        return process.name().toLowerCase(Locale.ROOT).equals(wanted)
                || process.commandLine().toLowerCase(Locale.ROOT).contains(wanted);
    }
}
