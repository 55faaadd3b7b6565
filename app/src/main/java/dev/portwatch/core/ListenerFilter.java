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
        String needle = text.toLowerCase(Locale.ROOT);
        return test(Subject.of(listener), needle, isDigits(needle));
    }

    /**
     * This filter over sockets whose {@link Subject} is worked out already: what a table re-filtering thousands of
     * rows per keystroke wants, since a subject's lower-cased texts and address classes are computed once per socket
     * rather than once per socket and keystroke. Gives the same answers as {@link #test(Listener)}.
     */
    public Predicate<Subject> forSubjects() {
        String needle = text.toLowerCase(Locale.ROOT);
        boolean digits = isDigits(needle);
        return subject -> test(subject, needle, digits);
    }

    private static boolean isDigits(String needle) {
        return needle.chars().allMatch(Character::isDigit);
    }

    private boolean test(Subject subject, String needle, boolean digits) {
        Listener listener = subject.listener();
        if (!protocols.accepts(listener.protocol())) {
            return false;
        }
        if (!listener.state().isListening() && !includeConnections) {
            return false;
        }
        if (!allAddresses && !subject.localhostReachable()) {
            return false;
        }
        if (onlyExposed && !subject.networkExposed()) {
            return false;
        }
        return needle.isEmpty() || subject.matches(needle, digits);
    }

    /**
     * What the filter looks at in one socket, worked out once: whether it is reachable at localhost or from the
     * network, and its searchable texts lower-cased. Immutable; any thread.
     *
     * @param listener           the socket
     * @param localhostReachable {@link Listener#isLocalhostReachable()}
     * @param networkExposed     {@link Addresses#isNetworkExposed} of its address
     * @param port               its port as text
     * @param pid                its owner's pid as text, empty when unknown
     * @param texts              address, local endpoint and, with an owner, process name, command line and user,
     *                           lower-cased, each ended by a NUL so that no match spans two of them
     */
    public record Subject(Listener listener, boolean localhostReachable, boolean networkExposed, String port,
                          String pid, String texts) {

        /** Works out a socket's subject. */
        public static Subject of(Listener listener) {
            var texts = new StringBuilder();
            texts.append(listener.address()).append('\0').append(listener.local()).append('\0');
            String pid = "";
            if (listener.owner().isPresent()) {
                ProcessInfo owner = listener.owner().get();
                pid = String.valueOf(owner.pid());
                texts.append(owner.name()).append('\0').append(owner.commandLine()).append('\0')
                        .append(owner.user()).append('\0');
            }
            return new Subject(listener, listener.isLocalhostReachable(),
                    Addresses.isNetworkExposed(listener.address()), String.valueOf(listener.port()), pid,
                    texts.toString().toLowerCase(Locale.ROOT));
        }

        /**
         * Whether the lower-cased, stripped needle matches: the port exactly or as a prefix of digits, the pid
         * exactly, or any text in part. {@code digits}: the needle is all digits.
         */
        boolean matches(String needle, boolean digits) {
            if (port.equals(needle) || digits && port.startsWith(needle)) {
                return true;
            }
            return pid.equals(needle) || needle.indexOf('\0') < 0 && texts.contains(needle);
        }
    }
}
