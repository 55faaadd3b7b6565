package dev.portwatch.core.actions;

import dev.portwatch.model.ExactCommand;
import dev.portwatch.model.Listener;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.ProcessOwner;
import dev.portwatch.model.Snapshot;
import dev.portwatch.os.ExactCommandException;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Moves a running server to another port: stops it gracefully, waits until it released the old port, and starts the
 * same command with the port replaced, in the same working directory and environment, detached from portwatch, its
 * output going to a log file; then waits until the new port listens.
 *
 * <p>The command is read exactly ({@link SocketScanner#exactCommand}: argument vector and environment byte for byte)
 * and the new process gets it back byte for byte except the port, as the old process's own user, group and
 * supplementary groups, never as anyone else: when portwatch can't start it as that user, the plan is refused. It
 * starts without a shell, in its own session, through {@link ExactLauncher} (Linux only).
 *
 * <p>Methods block on the OS and wait: call them on a background executor. Not thread-safe.
 */
public final class RebindService {

    /** How long to wait for the old port to be released and for the new one to listen, by default. */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(20);

    private static final Logger LOG = Logger.getLogger(RebindService.class.getName());
    private static final Duration POLL = Duration.ofMillis(200);
    private static final int TAIL_LINES = 20;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Set<PosixFilePermission> PRIVATE_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private final KillService killer;
    private final SocketScanner scanner;
    private final Path logDirectory;

    /**
     * @param killer       stops the holder (its guards apply) and reads the OS through its scanner
     * @param logDirectory where the new processes' output goes; created when needed
     */
    public RebindService(KillService killer, Path logDirectory) {
        this.killer = Objects.requireNonNull(killer, "killer");
        this.scanner = killer.scanner();
        this.logDirectory = Objects.requireNonNull(logDirectory, "logDirectory");
    }

    /**
     * Checks a rebind without changing anything: the guards, that the command line and working directory are
     * readable, and where the port is.
     *
     * @param holder  the process listening on {@code oldPort}, as scanned
     * @param oldPort the port it listens on
     * @param newPort the port to move it to
     * @return the plan to confirm
     * @throws PortNotInCommandException when the port is in neither the command line nor the environment
     * @throws ActionException           when a guard refuses, a port is invalid, or the details can't be read
     */
    public RebindPlan plan(ProcessInfo holder, int oldPort, int newPort) throws ActionException {
        checkPorts(oldPort, newPort);
        killer.verify(holder);
        String who = KillOutcome.describe(holder);
        ExactCommand command;
        ProcessOwner self;
        try {
            command = killer.processes().exactCommand(holder.pid(), who);
            self = killer.processes().exactCommand((int) ProcessHandle.current().pid(), "portwatch").owner();
        } catch (ExactCommandException e) {
            throw new ActionException(e.getMessage(), e);
        }
        // Read after the guard: make sure it is still the same process (not a reused pid) that was read.
        killer.verify(holder);
        Optional<String> refusal = ExactLauncher.refusal(command.owner(), self, holder.user(), who,
                command.arguments(), command.environment());
        if (refusal.isPresent()) {
            throw new ActionException(refusal.get());
        }
        Set<String> bindAddresses = new HashSet<>();
        KillService.listenersOn(scan(), oldPort).stream().filter(l -> l.pid().orElse(0) == holder.pid())
                .forEach(l -> bindAddresses.add(l.address()));
        PortRewrite rewrite = PortRewriter.rewrite(command.arguments(), command.environment(), oldPort, newPort,
                bindAddresses);
        if (!rewrite.found()) {
            throw new PortNotInCommandException("Port " + oldPort + " is in neither the command line nor the "
                    + "environment of " + who + rewrite.unchangedSentence().map(s -> " (it " + s.replace(
                            ", left unchanged", ", but not as the port it listens on") + ")").orElse("")
                    + ", so portwatch can't move it; it was left running.");
        }
        return new RebindPlan(holder, command, rewrite, bindAddresses, self.uid() == 0);
    }

    /**
     * Carries out a plan: checks the new port is free, stops the holder gracefully, waits for the old port to be
     * released, starts the new command, and waits until it listens on the new port.
     *
     * @param plan     a plan from {@link #plan}
     * @param ports    checks that the new port is still free right before anything is stopped
     * @param timeout  how long to wait for the graceful stop, and again for the new port to listen
     * @param progress short status sentences, on this thread
     * @return success with the new pid, or failure with the log's tail
     * @throws ActionException      when nothing was changed: the new port is taken, a guard refused, the holder did
     *                              not stop (it is left running), or the OS refused
     * @throws InterruptedException when the waiting thread was interrupted
     */
    public RebindOutcome execute(RebindPlan plan, FreePortFinder ports, Duration timeout, Consumer<String> progress)
            throws ActionException, InterruptedException {
        int oldPort = plan.oldPort();
        int newPort = plan.newPort();
        Optional<String> taken = ports.whyNotFree(newPort);
        if (taken.isPresent()) {
            throw new NewPortTakenException(newPort, taken.get() + " Pick another port.");
        }
        String who = KillOutcome.describe(plan.process());
        progress.accept("Stopping " + who + "…");
        KillOutcome stopped = killer.kill(plan.process(), new KillOptions(false, false, timeout, false),
                KillService.Progress.NONE);
        if (!stopped.exited()) {
            throw new ActionException(who + " did not stop within " + timeout.toSeconds()
                    + " s, so nothing was started; stop it with Kill (force) and start it by hand.");
        }
        progress.accept("Waiting for " + who + " to release " + oldPort + "…");
        // Only the holder's own sockets matter: in a conflict another process may keep the old port on another
        // address, and waiting for the whole port to be free would leave the holder stopped and never restarted.
        if (!awaitReleased(oldPort, plan.process().pid(), timeout)) {
            throw new ActionException(who + " stopped but its socket on " + oldPort
                    + " is still open; nothing was started.");
        }
        Path log = logFile(plan);
        progress.accept("Starting on " + newPort + "…");
        Process started = start(plan, log);
        progress.accept("Waiting for the new process to listen on " + newPort + "…");
        OptionalLong listener = awaitNewListener(started, newPort, timeout);
        long pid = listener.orElse(started.pid());
        if (listener.isPresent()) {
            List<String> others = KillService.holders(scan(), oldPort).stream().map(KillOutcome::describe).toList();
            String oldPortNow = others.isEmpty() ? oldPort + " is free."
                    : oldPort + " is still held by " + String.join(", ", others) + ".";
            return new RebindOutcome(plan, true, OptionalLong.of(pid), log, List.of(),
                    who + " now runs as pid " + pid + " on " + newPort + "; " + oldPortNow);
        }
        String reason = started.isAlive()
                ? "it did not listen on " + newPort + " within " + timeout.toSeconds() + " s"
                : ExactLauncher.exitReason(started.exitValue());
        return new RebindOutcome(plan, false, OptionalLong.of(pid), log, tail(log),
                "The new process failed: " + reason + "; its output is in " + log + ".");
    }

    private Process start(RebindPlan plan, Path log) throws ActionException {
        PortRewrite rewrite = plan.rewrite();
        try {
            return ExactLauncher.start(rewrite.newArguments(), rewrite.newEnvironment(), plan.workingDirectory(),
                    plan.command().owner(), plan.root(), log);
        } catch (IOException e) {
            LOG.log(Level.INFO, "could not start " + rewrite.newArgumentTexts(), e);
            throw new ActionException("The holder was stopped, but the new command could not start ("
                    + e.getMessage() + "); start it by hand.", e);
        }
    }

    private Path logFile(RebindPlan plan) throws ActionException {
        String name = plan.process().name().isEmpty() ? "process" : plan.process().name().replaceAll("[^\\w.-]", "_");
        Path log = logDirectory.resolve(name + "-" + plan.newPort() + "-" + LocalDateTime.now().format(STAMP) + ".log");
        try {
            createPrivateDirectory(logDirectory);
            createPrivateFile(log);
            Files.writeString(log, "# portwatch rebind " + plan.oldPort() + " -> " + plan.newPort() + " in "
                    + plan.workingDirectory() + " as " + plan.runsAs() + "\n# "
                    + ShellQuoting.joinExact(plan.rewrite().newArguments()) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ActionException("The holder was stopped, but the log file " + log + " could not be created ("
                    + e.getMessage() + "); start it by hand.", e);
        }
        return log;
    }

    /**
     * Creates the log directory readable by its owner only (0700), and narrows one an older portwatch created wider:
     * a server's output often holds tokens and session ids.
     */
    private static void createPrivateDirectory(Path directory) throws IOException {
        if (!posix(directory)) {
            Files.createDirectories(directory);
            return;
        }
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY));
        if (!Files.getPosixFilePermissions(directory).equals(PRIVATE_DIRECTORY)) {
            Files.setPosixFilePermissions(directory, PRIVATE_DIRECTORY);
        }
    }

    /** Creates a new log file readable and writable by its owner only (0600), before anything is written to it. */
    private static void createPrivateFile(Path file) throws IOException {
        if (posix(file.getParent())) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
        } else {
            Files.createFile(file);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Waits until the stopped holder no longer listens on the port; other processes on it do not count. */
    private boolean awaitReleased(int port, int holderPid, Duration timeout)
            throws ActionException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (KillService.listenersOn(scan(), port).stream().anyMatch(l -> l.pid().orElse(0) == holderPid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(POLL.toMillis());
        }
        return true;
    }

    /** The pid of the started process or a descendant once it listens on the port; empty when none did in time. */
    private OptionalLong awaitNewListener(Process started, int port, Duration timeout)
            throws ActionException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            // The server runs below the launcher (xargs), and a launcher of its own (npm, a shell script) may fork
            // the real server: every descendant counts.
            Set<Long> family = new HashSet<>();
            family.add(started.pid());
            started.descendants().forEach(p -> family.add(p.pid()));
            Snapshot snapshot = scan();
            for (Listener listener : KillService.listenersOn(snapshot, port)) {
                long pid = listener.pid().orElse(0);
                if (family.contains(pid)) {
                    return OptionalLong.of(pid);
                }
            }
            if (!started.isAlive() || System.nanoTime() > deadline) {
                return OptionalLong.empty();
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private Snapshot scan() throws ActionException {
        try {
            return scanner.scan();
        } catch (ScanException e) {
            throw new ActionException("Could not rescan the sockets: " + e.getMessage(), e);
        }
    }

    private static List<String> tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        } catch (IOException e) {
            return List.of("(could not read " + log + ": " + e.getMessage() + ")");
        }
    }

    private static void checkPorts(int oldPort, int newPort) throws ActionException {
        if (newPort < 1 || newPort > PortRange.MAX_PORT) {
            throw new ActionException("The new port must be between 1 and 65535, not " + newPort + ".");
        }
        if (newPort == oldPort) {
            throw new ActionException("The new port is the current one; pick another.");
        }
        if (oldPort < 1 || oldPort > PortRange.MAX_PORT) {
            throw new ActionException("The port must be between 1 and 65535, not " + oldPort + ".");
        }
    }
}
