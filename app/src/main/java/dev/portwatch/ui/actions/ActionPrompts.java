package dev.portwatch.ui.actions;

import dev.portwatch.core.actions.KillOptions;
import dev.portwatch.core.actions.RebindOutcome;
import dev.portwatch.core.actions.RebindPlan;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.TcpConnection;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Everything the actions ask or tell the user, behind one interface: the window implements it with dialogs
 * ({@link FxActionPrompts}), tests with a recording fake, so every branch of {@link ActionsViewModel} runs in plain
 * JUnit. All methods are called on the JavaFX thread; the asking ones block until the user answered.
 */
public interface ActionPrompts {

    /** How serious a message is. */
    enum Severity {
        /** Good news. */
        INFO,
        /** The action did not (fully) do what was asked. */
        WARNING
    }

    /** What the user chose when an action needs rights portwatch does not have. */
    enum ElevationChoice {
        /** Start the privileged helper (Show all owners) and try again from the revealed row. */
        SHOW_ALL_OWNERS,
        /** Copy the equivalent command line. */
        COPY_COMMAND,
        /** Leave it. */
        CLOSE
    }

    /** A progress window shown while an action runs. */
    interface Progress {
        /** Shows how far a wait has come, 0 to 1. */
        void fraction(double done);

        /** Shows the step under way. */
        void step(String text);

        /** Closes the window. */
        void close();
    }

    /**
     * Asks whether and how to stop a process.
     *
     * @param children the process's children, read in the background; the dialog shows them when they arrive
     * @param sharers  the processes sharing its listening socket (after {@code fork}), read in the background
     * @return the options chosen, or empty when the user cancelled
     */
    Optional<KillOptions> confirmKill(ProcessInfo process, List<Listener> sockets,
                                      CompletionStage<List<ProcessInfo>> children,
                                      CompletionStage<List<ProcessInfo>> sharers);

    /**
     * Asks whether to close connections, listing them (peer, bytes, user).
     *
     * @param header      the question, e.g. "Close 2 connections of 127.0.0.1:8080?"
     * @param text        what happens to the client, the server and the listener
     * @param connections the connections that would be closed
     * @return true to close them
     */
    boolean confirmClose(String header, String text, List<TcpConnection> connections);

    /** Opens a progress window. */
    Progress progress(String title, String text);

    /** Says a process did not stop in time and asks whether to force it; true to force. */
    boolean offerForce(ProcessInfo process, String sentence);

    /**
     * Shows the planned move for review and editing; empty when the user cancelled. The new port is checked as typed
     * and again when Move is clicked; a port {@code check} refuses disables Move with the reason shown.
     */
    Optional<RebindPlan> confirmRebind(RebindPlan suggested, NewPortCheck check);

    /** Shows a move's result with the old command line to copy. */
    void showRebound(RebindOutcome outcome);

    /** Says a process cannot be moved automatically and offers a free port; true to copy it. */
    boolean offerFreePort(String reason, int free);

    /** Asks where to start looking for a free port; empty when the user cancelled. */
    Optional<String> askPortNear(int start);

    /** Shows a short message. */
    void inform(Severity severity, String header, String text);

    /**
     * Shows a failure in one sentence.
     *
     * @param elevatedCommand the command to run with elevated rights, when permission was denied
     * @return true when the user asked to copy the elevated command
     */
    boolean showFailure(String header, String message, Optional<String> elevatedCommand);

    /**
     * Says an action needs rights portwatch's user does not have, and offers the two ways on: Show all owners (the
     * privileged helper) or the equivalent {@code portwatch … --elevate} command to copy.
     *
     * @param command the command line that does the same through the helper
     */
    ElevationChoice offerElevation(String header, String message, String command);

    /**
     * Asks whether to move another user's process through portwatch's privileged helper, and to which port. This
     * side can't read its environment, so no plan is shown: the helper plans and checks it itself.
     *
     * @param process   the holder, as the helper revealed it
     * @param port      the port it listens on
     * @param suggested the nearest free port above
     * @param mechanism how the helper was started ({@code sudo}, {@code pkexec})
     * @return the new port as typed, or empty when the user cancelled
     */
    Optional<String> confirmElevatedMove(ProcessInfo process, int port, int suggested, String mechanism);

    /** Puts text on the clipboard. */
    void copy(String text);
}
