package dev.portwatch.cli;

import dev.portwatch.core.DaemonThreads;
import dev.portwatch.core.LaunchOptions;
import dev.portwatch.core.helper.Elevation;
import dev.portwatch.core.helper.HelperClient;
import dev.portwatch.core.helper.HelperException;
import dev.portwatch.core.helper.RevealingScanner;
import dev.portwatch.core.remote.RemoteConnection;
import dev.portwatch.core.remote.SshConnector;
import dev.portwatch.core.watch.WatchSpecException;
import dev.portwatch.core.watch.WatchSpecs;
import dev.portwatch.os.DockerContainers;
import dev.portwatch.os.ProcessReader;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.os.TcpConnections;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The {@code portwatch} command: without a subcommand it opens the window; subcommands run headless and never
 * touch JavaFX.
 */
@Command(name = "portwatch", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Shows which process listens on which port, watches ports, and frees them.",
        subcommands = {ListCommand.class, StatusCommand.class, KillCommand.class, RebindCommand.class,
            CloseCommand.class, FreePortCommand.class, BenchCommand.class, RemoteCommand.class, ServeCommand.class,
            HelperCommand.class})
public final class PortwatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @CommandLine.Option(names = "--watch", paramLabel = "SPEC",
            description = "Watch these ports for this run, e.g. 62893,3000-3010.")
    List<String> watch = new ArrayList<>();

    private final OsServices os;
    private final Consumer<LaunchOptions> window;
    private final Terminal.Confirmer confirmer;
    /** Set by tests and for remote callers; otherwise made on first use of {@code --host}. */
    private RemoteConnection.Connector connector;
    /** Reads ssh's standard error for {@code --host}; made with the connector, shut down by {@link #close()}. */
    private ExecutorService sshErrors;
    private SocketScanner scanner;
    private Optional<TcpConnections> connections;
    private Optional<HelperClient> helper;

    /**
     * @param os     makes the OS services the first time a subcommand needs them
     * @param window opens the window; called only when no subcommand is given
     */
    public PortwatchCommand(OsServices os, Consumer<LaunchOptions> window) {
        this(os, window, Terminal::confirm, null);
    }

    /** @param connector how {@code --host} opens sessions; null for ssh as the environment says */
    private PortwatchCommand(OsServices os, Consumer<LaunchOptions> window,
                             Terminal.Confirmer confirmer, RemoteConnection.Connector connector) {
        this.os = Objects.requireNonNull(os, "os");
        this.window = Objects.requireNonNull(window, "window");
        this.confirmer = Objects.requireNonNull(confirmer, "confirmer");
        this.connector = connector;
    }

    /** For tests: a command line whose {@code --host} opens sessions through {@code connector}. */
    static CommandLine commandLine(OsServices os, Consumer<LaunchOptions> window,
                                   RemoteConnection.Connector connector) {
        return commandLine(new PortwatchCommand(os, window, Terminal::confirm, connector));
    }

    /** Builds the picocli command line with portwatch's exit codes and error handling. */
    public static CommandLine commandLine(OsServices os, Consumer<LaunchOptions> window) {
        return commandLine(new PortwatchCommand(os, window));
    }

    /**
     * A command line whose questions go to {@code confirmer} instead of this terminal, and which opens no window:
     * how {@code portwatch remote} runs a subcommand for a caller on another host.
     */
    static CommandLine forRemoteCaller(OsServices os, Terminal.Confirmer confirmer) {
        return commandLine(new PortwatchCommand(os, options -> {
            throw new IllegalStateException("a remote caller cannot open a window");
        }, confirmer, destination -> {
            throw new IOException("--host does not hop from one remote host to another");
        }));
    }

    private static CommandLine commandLine(PortwatchCommand command) {
        var commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("portwatch: " + e.getMessage());
            return 1;
        });
        // A usage error is one line naming the problem and where help is, not the whole usage text.
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("portwatch: " + e.getMessage() + " (see '"
                    + cmd.getCommandSpec().qualifiedName() + " --help')");
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        return commandLine;
    }

    /**
     * The process reader of this run's subcommands (kill's targets, rebind's holder): the JVM's one shared,
     * thread-safe reader.
     */
    public ProcessReader processes() {
        return os.processes().get();
    }

    /** The scanner shared by this run's subcommands, created on first use. */
    public synchronized SocketScanner scanner() {
        if (scanner == null) {
            scanner = os.scanner().get();
        }
        return scanner;
    }

    /**
     * The privileged helper for {@code --elevate}, started on first use through pkexec or sudo. When it cannot be
     * started, says why on {@code err} once and returns empty: the command goes on with the user's own rights.
     */
    public synchronized Optional<HelperClient> helper(PrintWriter err) {
        if (helper == null) {
            try {
                helper = Optional.of(HelperClient.start(Elevation.choose(System.console() != null)));
            } catch (HelperException e) {
                err.println("portwatch: " + e.getMessage() + " Going on without elevated rights.");
                err.flush();
                helper = Optional.empty();
            }
        }
        return helper;
    }

    /** The scanner, with hidden owners filled in by the helper when {@code elevate} and the helper started. */
    public SocketScanner scanner(boolean elevate, PrintWriter err) {
        if (!elevate) {
            return scanner();
        }
        return helper(err).<SocketScanner>map(h -> {
            var revealing = new RevealingScanner(scanner());
            revealing.reveal(h);
            return revealing;
        }).orElseGet(this::scanner);
    }

    /** Ends the helper if one was started, and the ssh error readers. */
    public synchronized void close() {
        if (helper != null) {
            helper.ifPresent(HelperClient::close);
            helper = null;
        }
        if (sshErrors != null) {
            sshErrors.shutdownNow();
        }
    }

    /** The connection reader and closer shared by this run's subcommands, opened on first use; empty off Linux. */
    public synchronized Optional<TcpConnections> connections() {
        if (connections == null) {
            connections = os.connections().get();
        }
        return connections;
    }

    /** This run's OS services as they stand, for a nested command line that shares them (remote callers). */
    OsServices shared() {
        return new OsServices(this::scanner, os.processes(), this::connections, os.docker(), os.fullScanner());
    }

    /** Makes fresh scanners for {@code bench}: the run's kind and OSHI's full one, each made per timing. */
    OsServices os() {
        return os;
    }

    /** The docker client that names the containers behind docker-proxy sockets. */
    DockerContainers docker() {
        return os.docker().get();
    }

    /** How {@code --host} reaches other hosts. */
    synchronized RemoteConnection.Connector connector() {
        if (connector == null) {
            sshErrors = Executors.newCachedThreadPool(DaemonThreads.named("portwatch-ssh-stderr"));
            connector = SshConnector.fromEnvironment(sshErrors);
        }
        return connector;
    }

    /** Where this run's yes/no questions go: the terminal, or a remote caller. */
    Terminal.Confirmer confirmer() {
        return confirmer;
    }

    @Override
    public Integer call() {
        try {
            // Refuse a bad --watch here, with exit 2, rather than in a window that may not open.
            if (!watch.isEmpty()) {
                WatchSpecs.parseAll(watch);
            }
        } catch (WatchSpecException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "bad --watch: " + e.getMessage());
        }
        window.accept(new LaunchOptions(watch));
        return 0;
    }
}
