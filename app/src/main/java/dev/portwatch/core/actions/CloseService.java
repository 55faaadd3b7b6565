package dev.portwatch.core.actions;

import dev.portwatch.model.Endpoint;
import dev.portwatch.model.TcpConnection;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.TcpConnections;
import dev.portwatch.os.TcpConnections.CloseResult;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Closes established TCP connections of a local port without stopping either process: the kernel aborts the
 * socket on this side, the peer gets a reset, the listener stays. Then it reads the connections again, so the
 * outcome says what really went away. Blocks on the OS; call it off the JavaFX thread.
 */
public final class CloseService {

    private final TcpConnections connections;

    /** @param connections reads and closes connections */
    public CloseService(TcpConnections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /**
     * The established connections whose local port is {@code port}, only the one with {@code peer} when given.
     *
     * @throws ScanException when the kernel could not be asked
     */
    public List<TcpConnection> matching(int port, Optional<Endpoint> peer) throws ScanException {
        return connections.established(port).stream()
                .filter(c -> peer.isEmpty() || c.remote().equals(peer.get()))
                .toList();
    }

    /**
     * Closes the given connections, then rescans the port to verify each is gone.
     *
     * @param port    their local port
     * @param targets connections as listed by {@link #matching}; an empty list closes nothing
     * @throws ScanException when the verifying rescan failed
     */
    public CloseOutcome close(int port, List<TcpConnection> targets) throws ScanException {
        List<CloseResult> results = new ArrayList<>(targets.size());
        for (TcpConnection target : targets) {
            if (target.local().port() != port) {
                throw new IllegalArgumentException(target.describe() + " is not a connection of port " + port);
            }
            results.add(connections.close(target));
        }
        Set<Long> remaining = new HashSet<>();
        if (!targets.isEmpty()) {
            connections.established(port).forEach(c -> remaining.add(c.cookie()));
        }
        List<CloseOutcome.Closed> closed = new ArrayList<>(targets.size());
        for (int i = 0; i < targets.size(); i++) {
            TcpConnection target = targets.get(i);
            closed.add(new CloseOutcome.Closed(target, results.get(i), remaining.contains(target.cookie())));
        }
        return new CloseOutcome(port, closed);
    }
}
