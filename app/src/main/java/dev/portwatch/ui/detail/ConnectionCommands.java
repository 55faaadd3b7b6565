package dev.portwatch.ui.detail;

import dev.portwatch.model.Listener;
import dev.portwatch.model.TcpConnection;

import java.util.List;

/**
 * What the Details tab's connection list can do, supplied by the window's actions (their flows ask, close and
 * report). JavaFX thread.
 */
public interface ConnectionCommands {

    /**
     * Closes connections of a socket after asking.
     *
     * @param subject     the listener (or connection) the list belongs to
     * @param connections the selected connections, as listed
     * @return true when the user confirmed, so they are being closed; false when cancelled
     */
    boolean close(Listener subject, List<TcpConnection> connections);

    /** Whether {@code subject} is a debugger's session with a JVM debug agent, which can be disconnected. */
    boolean isDebuggerSession(Listener subject);

    /** Disconnects the debugger of a JDWP session after asking; the JVM keeps running. */
    void disconnectDebugger(Listener subject);
}
