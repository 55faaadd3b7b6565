package dev.portwatch.ui.vm;

import dev.portwatch.core.remote.RemoteConnection;
import dev.portwatch.core.remote.RemoteException;
import dev.portwatch.core.remote.RemoteSession;
import dev.portwatch.core.remote.SshDestination;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Kill and Move on a remote host, as the window runs them: the host's own portwatch does the work and applies its
 * guards (pid 1, itself, a reused pid, permissions), and its questions ("Stop node (pid 4121)?", "Force it?")
 * come here, with everything it printed before them, for the user to answer in a dialog. The same texts, checks and
 * confirmations as {@code portwatch kill/rebind --host}.
 *
 * <p>Blocking: call {@link #kill} and {@link #move} off the JavaFX thread. Dialogs sit behind {@link Dialogs}, so
 * every branch runs in plain JUnit with a recording fake.
 */
public final class RemoteActionFlow {

    /** The questions and results a remote action shows. Called on the action's (background) thread. */
    public interface Dialogs {
        /**
         * Asks a yes/no question and waits for the answer.
         *
         * @param title      the dialog's title, naming the host
         * @param transcript what the remote portwatch printed so far (the process, its command, its ports)
         * @param question   the remote portwatch's question
         */
        boolean confirm(String title, String transcript, String question);

        /**
         * Asks for the port to move to and waits.
         *
         * @param suggested the nearest free port on the host above the current one, if the host found one
         * @return the chosen port, or empty when cancelled
         */
        Optional<Integer> choosePort(String title, int current, OptionalInt suggested);

        /** Shows how the action ended: everything the remote portwatch printed, or why the host can't be used. */
        void showResult(String title, boolean success, String transcript);
    }

    private final SshDestination host;
    private final RemoteConnection.Connector connector;
    private final Dialogs dialogs;
    private final Runnable refresh;

    /**
     * @param host      the host the table shows
     * @param connector opens an SSH session per action (the scan stream keeps its own)
     * @param dialogs   asks and shows
     * @param refresh   asks the host's table for a scan now, after an action
     */
    public RemoteActionFlow(SshDestination host, RemoteConnection.Connector connector, Dialogs dialogs,
                            Runnable refresh) {
        this.host = Objects.requireNonNull(host, "host");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.dialogs = Objects.requireNonNull(dialogs, "dialogs");
        this.refresh = Objects.requireNonNull(refresh, "refresh");
    }

    /** Whether the row's socket has a known owner to act on. */
    public static boolean actionable(Listener listener) {
        return listener.owner().isPresent();
    }

    /** The remote command that stops the process the table showed, refusing a pid reused since that scan. */
    public static List<String> killArguments(ProcessInfo process) {
        List<String> argv = new ArrayList<>(List.of("kill", "--pid", String.valueOf(process.pid())));
        process.startTime().ifPresent(started -> argv.addAll(List.of("--started", started.toString())));
        return argv;
    }

    /**
     * Stops the socket's owner on the host, after the host's portwatch described it and the user confirmed.
     *
     * @return the remote exit code ({@code portwatch kill}'s), or -1 when the host could not be used
     */
    public int kill(Listener listener) {
        ProcessInfo process = listener.owner().orElseThrow(() ->
                new IllegalArgumentException("the socket's owner is unknown"));
        return run("Kill on " + host, killArguments(process));
    }

    /**
     * Moves the socket's owner on the host to another port: suggests the host's nearest free port, lets the user
     * change it, then runs {@code rebind} there; its plan (old and new command line) is shown before it asks.
     *
     * @return the remote exit code ({@code portwatch rebind}'s), -1 when the host could not be used, 1 when cancelled
     */
    public int move(Listener listener) {
        String title = "Move on " + host;
        int port = listener.port();
        OptionalInt suggested;
        try (RemoteSession session = RemoteSession.open(connector, host)) {
            var out = new StringBuilder();
            int code = session.run(List.of("free-port", "--near", String.valueOf(port), "--count", "1"),
                    out::append, text -> { }, question -> Optional.empty());
            suggested = code == 0 ? parsePort(out.toString().strip()) : OptionalInt.empty();
        } catch (RemoteException e) {
            dialogs.showResult(title, false, e.getMessage());
            return -1;
        }
        Optional<Integer> target = dialogs.choosePort(title, port, suggested);
        if (target.isEmpty()) {
            return 1;
        }
        return run(title, List.of("rebind", String.valueOf(port), "--to", String.valueOf(target.get())));
    }

    private int run(String title, List<String> argv) {
        var transcript = new StringBuilder();
        int code;
        try (RemoteSession session = RemoteSession.open(connector, host)) {
            code = session.run(argv, transcript::append, transcript::append, question -> {
                boolean yes = dialogs.confirm(title, transcript.toString().strip(), question);
                transcript.append(question).append(yes ? " yes" : " no").append('\n');
                return Optional.of(yes);
            });
        } catch (RemoteException e) {
            transcript.append(e.getMessage());
            dialogs.showResult(title, false, transcript.toString().strip());
            return -1;
        }
        dialogs.showResult(title, code == 0, transcript.toString().strip());
        refresh.run();
        return code;
    }

    private static OptionalInt parsePort(String text) {
        try {
            return OptionalInt.of(Integer.parseInt(text.lines().findFirst().orElse("")));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
