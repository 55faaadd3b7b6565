package dev.portwatch.ui.vm;

import dev.portwatch.model.Listener;
import dev.portwatch.model.SocketKey;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.time.Duration;
import java.time.Instant;

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
    private Instant phaseSince;

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

    /** The row's phase. */
    public ReadOnlyObjectProperty<RowPhase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** The row's phase. */
    public RowPhase getPhase() {
        return phase.get();
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
