package dev.portwatch.ui.detail;

import dev.portwatch.core.watch.AcceptedConnections;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.SocketState;
import dev.portwatch.model.TcpConnection;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.TcpConnections;
import dev.portwatch.ui.tasks.UiTasks;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Details tab's connection list, without controls: for a selected TCP listener, the connections it accepted
 * (peer, peer process when local, bytes and age from the kernel's {@code tcp_info}); for a selected TCP connection,
 * that connection. Read off the JavaFX thread with each scan while the list is shown; rows keep their identity (the
 * kernel's socket cookie) across refreshes, so a selection in the list survives them.
 *
 * <p>Public methods and properties belong to the JavaFX thread (the injected {@code UiTasks} delivers there). The
 * kernel is asked in the background, one read at a time; a scan that arrives during a read asks for one more read
 * afterwards, and an answer for a socket no longer selected is dropped.
 */
public final class ConnectionsViewModel {

    private final Optional<TcpConnections> connections;
    private final UiTasks tasks;
    private final ObservableList<ConnectionRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyBooleanWrapper applicable = new ReadOnlyBooleanWrapper(this, "applicable");

    private Optional<Listener> subject = Optional.empty();
    private Snapshot snapshot = Snapshot.empty();
    private boolean shown = true;
    private long generation;
    private boolean reading;
    private boolean readAgain;

    /**
     * @param connections reads the kernel's connections; used only in {@code tasks}' background; empty where this
     *                    system cannot list them (not Linux, no netlink)
     * @param tasks       runs the reads off the JavaFX thread (one thread) and their results on it
     */
    public ConnectionsViewModel(Optional<TcpConnections> connections, UiTasks tasks) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    /** The connections shown, in the order they were first seen. */
    public ObservableList<ConnectionRow> rows() {
        return FXCollections.unmodifiableObservableList(rows);
    }

    /** One line about the list: how many, or why there are none. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether the selected socket has connections to list (a TCP listener or connection). */
    public ReadOnlyBooleanProperty applicableProperty() {
        return applicable.getReadOnlyProperty();
    }

    /** The socket whose connections are listed. */
    public Optional<Listener> subject() {
        return subject;
    }

    /**
     * Follows the selected socket. Another socket clears the list and reads it afresh; the same socket in a newer
     * scan keeps the rows.
     */
    public void show(Optional<Listener> selected) {
        Objects.requireNonNull(selected, "selected");
        boolean same = subject.isPresent() && selected.isPresent()
                && subject.get().key().equals(selected.get().key());
        subject = selected;
        if (same) {
            return;
        }
        generation++;
        rows.clear();
        boolean lists = selected.filter(ConnectionsViewModel::hasConnections).isPresent();
        applicable.set(lists);
        if (!lists) {
            status.set(selected.isEmpty() ? "" : "Only TCP listeners and connections have connections to list.");
            return;
        }
        status.set("Reading connections…");
        refresh();
    }

    /** Takes a new scan: the list is read again while it is shown. */
    public void snapshotChanged(Snapshot fresh) {
        snapshot = Objects.requireNonNull(fresh, "fresh");
        refresh();
    }

    /** Whether the list is on screen; it is read only then, and at once when it appears. */
    public void setShown(boolean visible) {
        boolean appeared = visible && !shown;
        shown = visible;
        if (appeared) {
            refresh();
        }
    }

    /** Reads the list again now, if it is shown and applies. */
    public void refresh() {
        if (!shown || subject.filter(ConnectionsViewModel::hasConnections).isEmpty()) {
            return;
        }
        if (connections.isEmpty()) {
            status.set("Connections can't be listed on this system (it needs Linux netlink sock_diag).");
            return;
        }
        if (reading) {
            readAgain = true;
            return;
        }
        reading = true;
        readAgain = false;
        long ticket = generation;
        Listener of = subject.get();
        Snapshot scanned = snapshot;
        tasks.run(() -> read(of, scanned), found -> arrived(ticket, of, found, null),
                failed -> arrived(ticket, of, List.of(), failed.getMessage()));
    }

    private void arrived(long ticket, Listener of, List<ListenerConnection> found, String problem) {
        reading = false;
        if (ticket == generation) {
            if (problem != null) {
                // The last good list stays, as the table does when a scan fails.
                status.set("Could not read connections: " + problem);
            } else {
                merge(found);
                status.set(describe(of, found.size()));
            }
        }
        if (readAgain || ticket != generation) {
            refresh();
        }
    }

    /** Updates rows in place by cookie, appends new ones and drops closed ones: the selection stays on its rows. */
    private void merge(List<ListenerConnection> found) {
        Map<Long, ListenerConnection> byCookie = new HashMap<>();
        found.forEach(c -> byCookie.put(c.cookie(), c));
        rows.removeIf(row -> !byCookie.containsKey(row.cookie()));
        Map<Long, ConnectionRow> existing = new HashMap<>();
        rows.forEach(row -> existing.put(row.cookie(), row));
        List<ConnectionRow> added = new ArrayList<>();
        for (ListenerConnection connection : found) {
            ConnectionRow row = existing.get(connection.cookie());
            if (row == null) {
                added.add(new ConnectionRow(connection));
            } else if (!row.getConnection().equals(connection)) {
                row.update(connection);
            }
        }
        rows.addAll(added);
    }

    private static String describe(Listener of, int count) {
        if (of.state() != SocketState.LISTEN) {
            return count == 0 ? "This connection is closed." : "This connection, as the kernel reports it now.";
        }
        return switch (count) {
            case 0 -> "No open connection on " + of.local() + ".";
            case 1 -> "1 connection accepted on " + of.local() + ".";
            default -> count + " connections accepted on " + of.local() + ".";
        };
    }

    /** Runs on the background thread. */
    private List<ListenerConnection> read(Listener of, Snapshot scanned) throws ScanException {
        List<Listener> listeners = scanned.listeners().stream()
                .filter(l -> l.protocol() == Protocol.TCP && l.state() == SocketState.LISTEN).toList();
        // The selected listener itself, whatever the scan says: it may be a scan newer than the one it came from.
        List<Listener> withSubject = listeners.stream().anyMatch(l -> l.key().equals(of.key())) ? listeners
                : concat(listeners, of);
        List<ListenerConnection> result = new ArrayList<>();
        for (TcpConnection connection : connections.orElseThrow().established(of.port())) {
            boolean belongs = of.state() == SocketState.LISTEN
                    ? AcceptedConnections.acceptedBy(of, withSubject, connection.ipVersion(), connection.local())
                    : connection.local().equals(of.local()) && of.remote().equals(Optional.of(connection.remote()));
            if (belongs) {
                result.add(new ListenerConnection(connection, peerOf(connection, scanned)));
            }
        }
        return result;
    }

    /** The owner of the other end, when it is a socket of this machine: its local side is our remote. */
    private static Optional<ProcessInfo> peerOf(TcpConnection connection, Snapshot scanned) {
        Endpoint peer = connection.remote();
        return scanned.listeners().stream()
                .filter(s -> s.protocol() == Protocol.TCP && s.local().equals(peer)
                        && s.remote().equals(Optional.of(connection.local())))
                .findFirst()
                .flatMap(Listener::owner);
    }

    private static List<Listener> concat(List<Listener> list, Listener one) {
        List<Listener> all = new ArrayList<>(list);
        all.add(one);
        return all;
    }

    /** A TCP listener, or an open TCP connection. */
    static boolean hasConnections(Listener socket) {
        return socket.protocol() == Protocol.TCP
                && (socket.state() == SocketState.LISTEN || AcceptedConnections.isOpenConnection(socket));
    }
}
