package dev.portwatch.core.actions;

import dev.portwatch.model.Listener;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
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
    private final Set<Integer> seenInUse;
    private final boolean ipv6 = ipv6LoopbackAvailable();

    /**
     * @param excluded ports never to suggest, for example the watch list's ports
     * @param snapshot the last scan; ports with a TCP socket in it are treated as used without probing
     */
    public FreePortFinder(IntPredicate excluded, Snapshot snapshot) {
        this.excluded = Objects.requireNonNull(excluded, "excluded");
        Set<Integer> used = new HashSet<>();
        for (Listener listener : snapshot.listeners()) {
            if (listener.protocol() == Protocol.TCP) {
                used.add(listener.port());
            }
        }
        this.seenInUse = Set.copyOf(used);
    }

    /**
     * True when the port is not excluded, not seen in the scan, and binds on every address.
     *
     * @throws IllegalArgumentException when the port is outside 1..65535
     */
    public boolean isFree(int port) {
        checkPort(port);
        if (excluded.test(port) || seenInUse.contains(port)) {
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
