package dev.portwatch.cli;

import dev.portwatch.core.remote.RemoteException;
import dev.portwatch.core.remote.RemoteSession;
import dev.portwatch.core.remote.SshDestination;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --host DEST} option of the commands that can run on another host: the command runs there, through
 * the system {@code ssh} and {@code portwatch remote}, and prints here what it printed there, after a line naming
 * the host.
 */
public final class RemoteHostOption {

    /** Exit code when the host cannot be used: unreachable, no portwatch, another protocol, a malformed answer. */
    public static final int EXIT_REMOTE_FAILED = 4;

    @Option(names = "--host", paramLabel = "DEST",
            description = {"Run on this host through the system ssh (user@host, ssh://user@host:port, or an alias",
                "from ~/.ssh/config); the host needs portwatch on its PATH. Exit 4 when it can't be used."})
    String host;

    /** Whether {@code --host} was given. */
    public boolean isSet() {
        return host != null;
    }

    /**
     * Runs the command this option belongs to on the host.
     *
     * @return the remote command's exit code, or {@link #EXIT_REMOTE_FAILED}
     */
    int runRemotely(CommandSpec spec, PortwatchCommand parent) {
        SshDestination destination;
        try {
            destination = SshDestination.parse(host);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "bad --host: " + e.getMessage());
        }
        List<String> argv = forwardedArguments(spec.name(), spec.commandLine().getParseResult().originalArgs());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // Machine-readable output stays parseable: the host is named on standard error then.
        boolean machine = argv.contains("--json") || argv.contains("--csv");
        (machine ? err : out).println("host: " + destination);
        (machine ? err : out).flush();
        try (RemoteSession session = RemoteSession.open(parent.connector(), destination)) {
            return session.run(argv, text -> {
                out.print(text);
                out.flush();
            }, text -> {
                err.print(text);
                err.flush();
            }, parent.confirmer()::ask);
        } catch (RemoteException e) {
            err.println("portwatch: " + e.getMessage());
            err.flush();
            return EXIT_REMOTE_FAILED;
        }
    }

    /**
     * The subcommand and its arguments as typed, without {@code --host}: what the remote portwatch runs.
     *
     * @param command      the subcommand's name
     * @param originalArgs the whole command line after {@code portwatch}
     */
    static List<String> forwardedArguments(String command, List<String> originalArgs) {
        int start = 0;
        while (start < originalArgs.size() && !(originalArgs.get(start).equals(command)
                && (start == 0 || !originalArgs.get(start - 1).equals("--watch")))) {
            start++;
        }
        List<String> argv = new ArrayList<>(List.of(command));
        boolean optionsEnded = false;
        for (int i = start + 1; i < originalArgs.size(); i++) {
            String arg = originalArgs.get(i);
            if (!optionsEnded && arg.equals("--host")) {
                i++;
            } else if (!optionsEnded && arg.startsWith("--host=")) {
                continue;
            } else {
                optionsEnded |= arg.equals("--");
                argv.add(arg);
            }
        }
        return argv;
    }
}
