package dev.portwatch.core.actions;

import dev.portwatch.model.Listener;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntPredicate;

/**
 * Finds TCP ports nobody uses: free on 127.0.0.1, on ::1 (when this machine has IPv6) and on the wildcard address.
 *
 * <p>A port is skipped without probing when it is excluded (for example a watched port) or when the last scan saw
 * a TCP socket on it; otherwise it is probed by binding a server socket on each address and closing it at once.
 * Probing opens sockets: call it off the JavaFX thread. Thread-safe.
 */
public final class FreePortFinder {

    private final IntPredicate excluded;
    /** The TCP sockets of the last scan by local port: listeners and connections alike hold their port. */
    private final Map<Integer, List<Listener>> seenInUse;
    private final boolean ipv6 = ipv6LoopbackAvailable();

    /**
     * @param excluded ports never to suggest, for example the watch list's ports
     * @param snapshot the last scan; ports with a TCP socket in it are treated as used without probing
     */
    public FreePortFinder(IntPredicate excluded, Snapshot snapshot) {
        this.excluded = Objects.requireNonNull(excluded, "excluded");
        Map<Integer, List<Listener>> used = new HashMap<>();
        for (Listener listener : snapshot.listeners()) {
            if (listener.protocol() == Protocol.TCP) {
                used.computeIfAbsent(listener.port(), p -> new ArrayList<>()).add(listener);
            }
        }
        this.seenInUse = Map.copyOf(used);
    }

    /**
     * Why the port is taken as far as the exclusions and the last scan tell, in one sentence naming the holder:
     * "18100 is held by python3 (pid 4242) on 127.0.0.1." or "18100 is a watched port." Empty when neither
     * says so (the port may still fail to bind: see {@link #whyNotFree}). Opens no socket, so it may run on any
     * thread, the JavaFX thread included.
     *
     * @throws IllegalArgumentException when the port is outside 1..65535
     */
    public Optional<String> knownUse(int port) {
        checkPort(port);
        List<Listener> holders = seenInUse.getOrDefault(port, List.of());
        if (!holders.isEmpty()) {
            // A process with a name says more than a connection lingering in TIME_WAIT on the same port.
            Listener first = holders.stream().filter(l -> l.owner().isPresent()).findFirst().orElse(holders.get(0));
            String who = first.owner().map(KillOutcome::describe).orElse(first.state() == SocketState.TIME_WAIT
                    ? "a closed connection lingering in TIME_WAIT"
                    : "a process portwatch can't see (another user's?)");
            String more = holders.size() > 1 ? " (and " + (holders.size() - 1) + " more socket"
                    + (holders.size() > 2 ? "s" : "") + ")" : "";
            return Optional.of(port + " is held by " + who + " on " + first.address() + more + ".");
        }
        if (excluded.test(port)) {
            return Optional.of(port + " is a watched port.");
        }
        return Optional.empty();
    }

    /**
     * Why the port is not free: {@link #knownUse}, else whether it binds on every address (probing, so not on the
     * JavaFX thread): "18100 is in use: it can't be bound on 127.0.0.1." Empty when it is free.
     *
     * @throws IllegalArgumentException when the port is outside 1..65535
     */
    public Optional<String> whyNotFree(int port) {
        Optional<String> known = knownUse(port);
        if (known.isPresent()) {
            return known;
        }
        for (InetAddress address : ipv6 ? List.of(loopbackV4(), loopbackV6()) : List.of(loopbackV4())) {
            if (!binds(address, port)) {
                return Optional.of(port + " is in use: it can't be bound on " + address.getHostAddress() + ".");
            }
        }
        return binds(null, port) ? Optional.empty()
                : Optional.of(port + " is in use: it can't be bound on all addresses.");
    }

    /**
     * True when the port is not excluded, not seen in the scan, and binds on every address.
     *
     * @throws IllegalArgumentException when the port is outside 1..65535
     */
    public boolean isFree(int port) {
        checkPort(port);
        if (excluded.test(port) || seenInUse.containsKey(port)) {
            return false;
        }
        return binds(loopbackV4(), port) && (!ipv6 || binds(loopbackV6(), port)) && binds(null, port);
    }

    /**
     * The nearest free port strictly above the given one.
     *
     * @return the port, or empty when every port up to 65535 is taken
     */
    public OptionalInt nearestAbove(int port) {
        checkPort(port);
        List<Integer> found = from(port + 1, 1);
        return found.isEmpty() ? OptionalInt.empty() : OptionalInt.of(found.get(0));
    }

    /**
     * Up to {@code count} free ports from {@code start} upwards (start included), ascending.
     *
     * @throws IllegalArgumentException when start is outside 1..65535 or count is below 1
     */
    public List<Integer> near(int start, int count) {
        checkPort(start);
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        return from(start, count);
    }

    private List<Integer> from(int start, int count) {
        List<Integer> found = new ArrayList<>(count);
        for (int port = start; port <= PortRange.MAX_PORT && found.size() < count; port++) {
            if (isFree(port)) {
                found.add(port);
            }
        }
        return found;
    }

    private static boolean binds(InetAddress address, int port) {
        try (var socket = new ServerSocket()) {
            // Without SO_REUSEADDR a port with connections in TIME_WAIT counts as used: a server that does not set
            // the option would fail to bind it too.
            socket.setReuseAddress(false);
            socket.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean ipv6LoopbackAvailable() {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(loopbackV6(), 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static InetAddress loopbackV4() {
        return literal(new byte[] {127, 0, 0, 1});
    }

    private static InetAddress loopbackV6() {
        byte[] raw = new byte[16];
        raw[15] = 1;
        return literal(raw);
    }

    private static InetAddress literal(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static void checkPort(int port) {
        if (port < 1 || port > PortRange.MAX_PORT) {
            throw new IllegalArgumentException("port must be between 1 and 65535: " + port);
        }
    }
}
