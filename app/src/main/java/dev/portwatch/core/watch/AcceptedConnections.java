package dev.portwatch.core.watch;

import dev.portwatch.model.Addresses;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketKey;
import dev.portwatch.model.SocketState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which connections a TCP listener has accepted, judged the way the kernel routes an incoming connection: to the
 * listener bound to the connection's local address and port, else to a wildcard listener of that port ({@code
 * 0.0.0.0} for IPv4, {@code ::} for both families on a dual-stack socket). The kernel does not record which listener
 * accepted a socket, so this is the same rule run backwards; it is right as long as the listeners did not change
 * since the connection was accepted.
 *
 * <p>Pure functions over the sockets of one scan; safe on any thread.
 */
public final class AcceptedConnections {

    private AcceptedConnections() {
    }

    /**
     * Counts each TCP listener's open connections (any connected state but the closing ones, whose process let go).
     *
     * @param sockets every socket of one scan, listeners and connections
     * @return the count by the listener's {@link Listener#key()}; listeners without connections are absent
     */
    public static Map<SocketKey, Integer> count(List<Listener> sockets) {
        Map<Integer, List<Listener>> listenersByPort = new HashMap<>();
        for (Listener socket : sockets) {
            if (socket.protocol() == Protocol.TCP && socket.state() == SocketState.LISTEN) {
                listenersByPort.computeIfAbsent(socket.port(), p -> new ArrayList<>()).add(socket);
            }
        }
        Map<SocketKey, Integer> counts = new HashMap<>();
        if (listenersByPort.isEmpty()) {
            return counts;
        }
        for (Listener socket : sockets) {
            if (!isOpenConnection(socket)) {
                continue;
            }
            List<Listener> candidates = listenersByPort.get(socket.port());
            if (candidates != null) {
                listenerOf(candidates, socket.ipVersion(), socket.local())
                        .ifPresent(l -> counts.merge(l.key(), 1, Integer::sum));
            }
        }
        return counts;
    }

    /** True for a TCP connection its process still holds: connected, and not closing. */
    public static boolean isOpenConnection(Listener socket) {
        return socket.protocol() == Protocol.TCP && socket.remote().isPresent() && !socket.state().isListening()
                && !socket.state().isClosing() && socket.state() != SocketState.CLOSE;
    }

    /**
     * True when a connection with this local side would have been accepted by {@code listener}, given the other
     * listeners of the same scan.
     *
     * @param listeners every TCP listener of the scan (others' ports are ignored)
     */
    public static boolean acceptedBy(Listener listener, List<Listener> listeners, IpVersion family, Endpoint local) {
        List<Listener> samePort = listeners.stream()
                .filter(l -> l.protocol() == Protocol.TCP && l.state() == SocketState.LISTEN
                        && l.port() == local.port())
                .toList();
        return listenerOf(samePort, family, local).map(l -> l.key().equals(listener.key())).orElse(false);
    }

    /** The listener among those of one port that the kernel hands a connection to this local side. */
    private static Optional<Listener> listenerOf(List<Listener> samePort, IpVersion family, Endpoint local) {
        String address = local.address();
        String plainV4 = address.startsWith("::ffff:") ? address.substring("::ffff:".length()) : null;
        Listener wildcardOfFamily = null;
        Listener wildcardV6 = null;
        for (Listener candidate : samePort) {
            String bound = candidate.address();
            if (bound.equals(address) || bound.equals(plainV4)) {
                return Optional.of(candidate);
            }
            if (Addresses.isWildcard(bound)) {
                if (candidate.ipVersion() == family && wildcardOfFamily == null) {
                    wildcardOfFamily = candidate;
                }
                if (bound.equals(Addresses.ANY_V6) && wildcardV6 == null) {
                    wildcardV6 = candidate;
                }
            }
        }
        if (wildcardOfFamily == null && plainV4 != null) {
            // An IPv4 client of a dual-stack socket shows with a mapped address on an IPv6 socket.
            wildcardOfFamily = samePort.stream().filter(l -> l.address().equals(Addresses.ANY_V4)).findFirst()
                    .orElse(null);
        }
        return Optional.ofNullable(wildcardOfFamily != null ? wildcardOfFamily : wildcardV6);
    }
}
