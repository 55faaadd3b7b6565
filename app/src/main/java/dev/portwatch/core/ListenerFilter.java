package dev.portwatch.core;

import dev.portwatch.model.Addresses;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which sockets a view shows: the scope (localhost-reachable listeners by default), a protocol choice and a
 * free-text filter.
 *
 * @param text               case-insensitive text matched against port, pid, process name, address and command
 *                           line; blank matches everything
 * @param protocols          the protocols shown
 * @param allAddresses       false shows only sockets reachable at {@code localhost} (loopback and wildcard binds);
 *                           true shows every bind address
 * @param includeConnections true adds established connections to the listeners
 * @param onlyExposed        true shows only sockets other machines can reach (wildcard or non-loopback binds)
 */
public record ListenerFilter(String text, ProtocolChoice protocols, boolean allAddresses, boolean includeConnections,
                             boolean onlyExposed)
        implements Predicate<Listener> {

    /** The default view: listeners reachable at localhost, TCP and UDP, no text. */
    public static final ListenerFilter DEFAULT = new ListenerFilter("", ProtocolChoice.BOTH, false, false);

    /** Validates and normalises the fields. */
    public ListenerFilter {
        text = Objects.requireNonNull(text, "text").strip();
        Objects.requireNonNull(protocols, "protocols");
    }

    /** A filter that shows exposed and loopback sockets alike. */
    public ListenerFilter(String text, ProtocolChoice protocols, boolean allAddresses, boolean includeConnections) {
        this(text, protocols, allAddresses, includeConnections, false);
    }

    /** A copy that does or does not show only the sockets other machines can reach. */
    public ListenerFilter withOnlyExposed(boolean only) {
        return new ListenerFilter(text, protocols, allAddresses, includeConnections, only);
    }

    /** A copy with other filter text. */
    public ListenerFilter withText(String newText) {
        return new ListenerFilter(newText, protocols, allAddresses, includeConnections, onlyExposed);
    }

    /** A copy with another protocol choice. */
    public ListenerFilter withProtocols(ProtocolChoice choice) {
        return new ListenerFilter(text, choice, allAddresses, includeConnections, onlyExposed);
    }

    /** A copy with another address scope. */
    public ListenerFilter withAllAddresses(boolean all) {
        return new ListenerFilter(text, protocols, all, includeConnections, onlyExposed);
    }

    /** A copy that does or does not include established connections. */
    public ListenerFilter withConnections(boolean include) {
        return new ListenerFilter(text, protocols, allAddresses, include, onlyExposed);
    }

    @Override
    public boolean test(Listener listener) {
        if (!protocols.accepts(listener.protocol())) {
            return false;
        }
        if (!listener.state().isListening() && !includeConnections) {
            return false;
        }
        if (!allAddresses && !listener.isLocalhostReachable()) {
            return false;
        }
        if (onlyExposed && !Addresses.isNetworkExposed(listener.address())) {
            return false;
        }
        return text.isEmpty() || matchesText(listener, text.toLowerCase(Locale.ROOT));
    }

    private static boolean matchesText(Listener listener, String needle) {
        if (String.valueOf(listener.port()).equals(needle)
                || String.valueOf(listener.port()).startsWith(needle) && needle.chars().allMatch(Character::isDigit)) {
            return true;
        }
        if (listener.address().toLowerCase(Locale.ROOT).contains(needle)
                || listener.local().toString().toLowerCase(Locale.ROOT).contains(needle)) {
            return true;
        }
        if (listener.owner().isEmpty()) {
            return false;
        }
        ProcessInfo owner = listener.owner().get();
        return String.valueOf(owner.pid()).equals(needle)
                || owner.name().toLowerCase(Locale.ROOT).contains(needle)
                || owner.commandLine().toLowerCase(Locale.ROOT).contains(needle)
                || owner.user().toLowerCase(Locale.ROOT).contains(needle);
    }
}
