package dev.portwatch.ui.detail;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * A row of the Details tab's connection list: one socket (by its kernel cookie) whose figures change with each
 * refresh, so the table keeps its selection. JavaFX thread only.
 */
public final class ConnectionRow {

    private final long cookie;
    private final ReadOnlyObjectWrapper<ListenerConnection> connection;

    ConnectionRow(ListenerConnection first) {
        this.cookie = first.cookie();
        this.connection = new ReadOnlyObjectWrapper<>(this, "connection", first);
    }

    /** The socket's kernel cookie, fixed for the row's life. */
    public long cookie() {
        return cookie;
    }

    /** The connection as of the latest refresh. */
    public ReadOnlyObjectProperty<ListenerConnection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /** The connection as of the latest refresh. */
    public ListenerConnection getConnection() {
        return connection.get();
    }

    void update(ListenerConnection fresh) {
        connection.set(fresh);
    }

    @Override
    public String toString() {
        return "ConnectionRow[" + connection.get().connection().describe() + "]";
    }
}
