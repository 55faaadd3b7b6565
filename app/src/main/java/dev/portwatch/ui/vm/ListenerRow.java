package dev.portwatch.ui.vm;

import dev.portwatch.core.ListenerFilter;
import dev.portwatch.model.Listener;
import dev.portwatch.model.SocketKey;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the live table: a socket that keeps its identity across scans while its details and phase change.
 * Only touched on the JavaFX application thread.
 */
public final class ListenerRow {

    /** How long new rows stay green and closed rows stay red. */
    public static final Duration HIGHLIGHT = Duration.ofSeconds(2);

    private final SocketKey key;
    private final ReadOnlyObjectWrapper<Listener> listener;
    private final ReadOnlyObjectWrapper<RowPhase> phase;
    /** Open connections a TCP listener has accepted; null for other sockets (connections, UDP). */
    private final ReadOnlyObjectWrapper<Integer> connections = new ReadOnlyObjectWrapper<>(this, "connections");
    private Instant phaseSince;
    /** What the filter looks at, worked out for the current socket on first use. */
    private ListenerFilter.Subject subject;

    ListenerRow(Listener listener, RowPhase phase, Instant now) {
        this.key = listener.key();
        this.listener = new ReadOnlyObjectWrapper<>(this, "listener", listener);
        this.phase = new ReadOnlyObjectWrapper<>(this, "phase", phase);
        this.phaseSince = now;
    }

    /** The socket's identity, fixed for the row's life. */
    public SocketKey key() {
        return key;
    }

    /** The socket as of the latest scan. */
    public ReadOnlyObjectProperty<Listener> listenerProperty() {
        return listener.getReadOnlyProperty();
    }

    /** The socket as of the latest scan. */
    public Listener getListener() {
        return listener.get();
    }

    /** What the filter looks at in the current socket; worked out once per socket, not per keystroke. */
    ListenerFilter.Subject subject() {
        Listener current = listener.get();
        if (subject == null || subject.listener() != current) {
            subject = ListenerFilter.Subject.of(current);
        }
        return subject;
    }

    /** The row's phase. */
    public ReadOnlyObjectProperty<RowPhase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** The row's phase. */
    public RowPhase getPhase() {
        return phase.get();
    }

    /**
     * How many open connections this TCP listener has accepted (see {@code core.watch.AcceptedConnections}), as of
     * the latest scan; null for a socket that accepts none (a connection, a UDP socket).
     */
    public ReadOnlyObjectProperty<Integer> connectionsProperty() {
        return connections.getReadOnlyProperty();
    }

    /** Sets the connection count; true when it changed. */
    boolean connections(Integer count) {
        if (Objects.equals(count, connections.get())) {
            return false;
        }
        connections.set(count);
        return true;
    }

    void update(Listener newValue) {
        listener.set(newValue);
    }

    void enter(RowPhase newPhase, Instant now) {
        phase.set(newPhase);
        phaseSince = now;
    }

    boolean highlightExpired(Instant now) {
        return phase.get() != RowPhase.STEADY && !now.isBefore(phaseSince.plus(HIGHLIGHT));
    }

    @Override
    public String toString() {
        return "ListenerRow[" + key + ", " + phase.get() + "]";
    }
}
