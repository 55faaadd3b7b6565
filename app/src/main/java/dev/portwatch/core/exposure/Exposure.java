package dev.portwatch.core.exposure;

import dev.portwatch.core.service.ServiceMatch;
import dev.portwatch.model.Addresses;
import dev.portwatch.model.Listener;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who can reach a socket, and how bad that is.
 *
 * <ul>
 *   <li>{@link #LOOPBACK}: bound to a loopback address ({@code 127.0.0.1}, {@code ::1}); only this machine can
 *       connect.</li>
 *   <li>{@link #NETWORK}: bound to a wildcard ({@code 0.0.0.0}, {@code ::}) or a non-loopback address; other
 *       machines can connect.</li>
 *   <li>{@link #CRITICAL}: {@link #NETWORK}, and the socket is a debug or remote-code endpoint (a JDWP agent, the
 *       Node.js inspector, debugpy, JMX with authentication switched off): anyone who reaches it can run code as
 *       its owner.</li>
 * </ul>
 *
 * <p>A connection is classified by its local address like a listener: an accepted connection on a network address
 * carries traffic from another machine. Pure and thread-safe.
 */
public enum Exposure {
    LOOPBACK,
    NETWORK,
    CRITICAL;

    /** Services that hand whoever connects a way to run code in the owning process. */
    private static final Set<String> REMOTE_CODE_SERVICES = Set.of("JDWP debugger", "Node.js inspector", "debugpy");
    private static final Set<String> JMX_SERVICES = Set.of("JMX remote", "JMX RMI");
    /** JMX asks for a password unless this is given (a JVM with no password file refuses to start otherwise). */
    private static final String JMX_NO_AUTH = "-Dcom.sun.management.jmxremote.authenticate=false";

    /**
     * Classifies a socket.
     *
     * @param socket  the socket
     * @param service what {@link dev.portwatch.core.service.ServiceIdentifier} recognised on it, if anything
     * @return its exposure; never {@code null}
     */
    public static Exposure of(Listener socket, Optional<ServiceMatch> service) {
        if (!Addresses.isNetworkExposed(socket.address())) {
            return LOOPBACK;
        }
        return runsRemoteCode(socket, service) ? CRITICAL : NETWORK;
    }

    /** True for {@link #NETWORK} and {@link #CRITICAL}: other machines can reach the socket. */
    public boolean isExposed() {
        return this != LOOPBACK;
    }

    /** The lower-case name used in JSON, CSV and metrics: {@code "loopback"}, {@code "network"}, {@code "critical"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * One sentence for tooltips and the Details tab saying what the exposure means for this socket; empty for
     * {@link #LOOPBACK}.
     */
    public static Optional<String> sentence(Listener socket, Optional<ServiceMatch> service) {
        String where = socket.local().toString();
        return switch (of(socket, service)) {
            case LOOPBACK -> Optional.empty();
            case NETWORK -> Optional.of("Exposed: other machines can connect to " + where
                    + (Addresses.isWildcard(socket.address()) ? " (bound to every interface)." : "."));
            case CRITICAL -> Optional.of("Critical: " + service.map(ServiceMatch::name).orElse("a debug endpoint")
                    + " on " + where + " is reachable from the network, and anyone who can connect to it can run"
                    + " code as " + socket.owner().map(p -> p.user().isEmpty() ? "its owner" : "user " + p.user())
                    .orElse("its owner") + "; bind it to 127.0.0.1 instead.");
        };
    }

    private static boolean runsRemoteCode(Listener socket, Optional<ServiceMatch> service) {
        if (service.isEmpty() || service.get().guess()) {
            return false;
        }
        String name = service.get().name();
        if (REMOTE_CODE_SERVICES.contains(name)) {
            return true;
        }
        return JMX_SERVICES.contains(name)
                && socket.owner().map(p -> p.commandLine().contains(JMX_NO_AUTH)).orElse(false);
    }
}
