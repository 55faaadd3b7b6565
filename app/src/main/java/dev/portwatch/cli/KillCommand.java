package dev.portwatch.cli;

import dev.portwatch.core.OwnerVisibility;
import dev.portwatch.core.actions.ActionException;
import dev.portwatch.core.actions.KillOptions;
import dev.portwatch.core.actions.KillOutcome;
import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.actions.PermissionDeniedException;
import dev.portwatch.core.actions.ProtectedProcessException;
import dev.portwatch.core.format.SocketFields;
import dev.portwatch.core.helper.HelperClient;
import dev.portwatch.core.helper.HelperException;
import dev.portwatch.core.helper.HelperReply;
import dev.portwatch.core.watch.PortHolders;
import dev.portwatch.core.watch.WatchSpecException;
import dev.portwatch.core.watch.WatchSpecs;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessDetails;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Snapshot;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code portwatch kill PORT | --pid PID}: stops the holder of a port gracefully, then forcibly if asked. Exit 0
 * when the port (or the process's ports) is free afterwards, 1 when still held or nothing held it, 2 on a usage
 * error (or no terminal to ask on), 3 when permission was denied.
 */
@Command(name = "kill", mixinStandardHelpOptions = true,
        description = {"Stop the process listening on PORT (exact match), or the process PID.",
            "Sends a graceful stop (SIGTERM), waits up to --timeout seconds, then reports (or forces with --force).",
            "Never stops pid 1 or portwatch itself; refuses when the pid was reused since the scan.",
            "Exit codes: 0 port free afterwards, 1 still held or nothing held it, 2 usage or a refused pid (1,",
            "portwatch itself), 3 permission denied."})
public final class KillCommand implements Callable<Integer> {

    static final int STILL_HELD = 1;
    static final int REFUSED = 2;
    static final int PERMISSION_DENIED = 3;

    @ParentCommand
    PortwatchCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    RemoteHostOption remote = new RemoteHostOption();

    @Parameters(index = "0", arity = "0..1", paramLabel = "PORT",
            description = "The port whose holders to stop; several as 80,81 (the grammar of --watch).")
    String portText;

    /** The ports parsed from {@link #portText}; empty with {@code --pid}. */
    private List<Integer> ports = List.of();

    @Option(names = "--pid", paramLabel = "PID", description = "Stop this process instead of a port's holder.")
    Integer pid;

    @Option(names = "--force", description = "Stop at once (SIGKILL) instead of asking gracefully first.")
    boolean force;

    @Option(names = "--tree", description = "Also stop the process's child processes.")
    boolean tree;

    @Option(names = "--timeout", paramLabel = "S", description = "Seconds to wait for a graceful stop (default 5).")
    double timeoutSeconds = KillOptions.DEFAULT_TIMEOUT.toSeconds();

    /** Set by the window for a remote host: the start time it showed, so a reused pid is refused there too. */
    @Option(names = "--started", paramLabel = "ISO", hidden = true,
            description = "With --pid: the start time the caller saw (ISO-8601); refuse when the pid was reused.")
    Instant started;

    @Option(names = "--yes", description = "Do not ask; required when standard input is not a terminal.")
    boolean yes;

    @Option(names = "--elevate", description = "See and stop other users' processes through portwatch's "
            + "privileged helper (pkexec or sudo), after the same confirmation.")
    boolean elevate;

    @Override
    public Integer call() throws ScanException {
        if (remote.isSet()) {
            return remote.runRemotely(spec, parent);
        }
        if ((portText == null) == (pid == null)) {
            throw new ParameterException(spec.commandLine(), "give either a PORT or --pid PID");
        }
        if (started != null && pid == null) {
            throw new ParameterException(spec.commandLine(), "--started goes with --pid");
        }
        if (portText != null) {
            try {
                ports = WatchSpecs.ports(portText);
            } catch (WatchSpecException e) {
                throw new ParameterException(spec.commandLine(), "bad PORT: " + e.getMessage());
            }
        }
        if (pid != null && pid < 1) {
            throw new ParameterException(spec.commandLine(), "PID must be positive, not " + pid);
        }
        if (!(timeoutSeconds >= 0.1 && timeoutSeconds <= 600)) {
            throw new ParameterException(spec.commandLine(), "--timeout must be between 0.1 and 600 seconds");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SocketScanner scanner = parent.scanner(elevate, err);
        Snapshot snapshot = scanner.scan();
        List<ProcessInfo> targets = targets(snapshot, err);
        if (targets.isEmpty()) {
            return hiddenHolders(snapshot).isEmpty() || snapshot.privileged() ? STILL_HELD : PERMISSION_DENIED;
        }
        var service = new KillService(scanner, parent.processes());
        List<String> named = new ArrayList<>();
        for (ProcessInfo target : targets) {
            describe(target, snapshot, out);
            named.add(KillOutcome.describe(target));
            List<ProcessInfo> sharers = service.sharers(target);
            if (!sharers.isEmpty()) {
                // Stopped along with it: the port is free only once every holder of the socket is gone.
                out.println("  shares:  its listening socket with " + sharers.stream().map(KillOutcome::describe)
                        .collect(Collectors.joining(", ")) + " (stopped too)");
                sharers.stream().map(KillOutcome::describe).filter(n -> !named.contains(n)).forEach(named::add);
            }
            try {
                // Refuse before asking: pid 1, portwatch itself, a reused pid.
                service.verify(target);
            } catch (ProtectedProcessException e) {
                out.flush();
                err.println("portwatch: " + e.getMessage());
                return REFUSED;
            } catch (ActionException e) {
                out.flush();
                err.println("portwatch: " + e.getMessage());
                return STILL_HELD;
            }
        }
        out.flush();
        OptionalInt stop = Terminal.confirmOrStop(parent.confirmer(), yes, "Stop " + String.join(", ", named)
                + (force ? " forcibly" : "") + "?", err);
        if (stop.isPresent()) {
            return stop.getAsInt();
        }
        var options = new KillOptions(tree, force, Duration.ofMillis(Math.round(timeoutSeconds * 1000)), false);
        boolean allStopped = true;
        for (ProcessInfo target : targets) {
            if (target != targets.get(0) && !parent.processes().isRunning(target.pid())) {
                continue;   // stopped with an earlier target whose socket it shared
            }
            try {
                allStopped &= stop(service, target, options, out, err);
            } catch (PermissionDeniedException e) {
                Optional<HelperClient> helper = elevate ? parent.helper(err) : Optional.empty();
                if (helper.isEmpty()) {
                    err.println("portwatch: " + e.getMessage() + (elevate ? "" : ", or add --elevate"));
                    return PERMISSION_DENIED;
                }
                allStopped &= stopThroughHelper(helper.get(), target, snapshot, out, err);
            } catch (ActionException e) {
                err.println("portwatch: " + e.getMessage());
                allStopped = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return STILL_HELD;
            }
        }
        if (!ports.isEmpty()) {
            Snapshot after = scanner.scan();
            return ports.stream().allMatch(p -> KillService.listenersOn(after, p).isEmpty()) ? 0 : STILL_HELD;
        }
        return allStopped ? 0 : STILL_HELD;
    }

    private List<ProcessInfo> targets(Snapshot snapshot, PrintWriter err) {
        if (pid != null) {
            Optional<ProcessInfo> process = parent.processes().process(pid).map(ProcessDetails::info);
            if (started != null) {
                // The caller's view of the process: verify() compares it with the running one.
                process = process.map(p -> new ProcessInfo(p.pid(), p.name(), p.user(), p.commandLine(),
                        p.arguments(), Optional.of(started), p.parentPid()));
            }
            if (process.isEmpty()) {
                err.println("portwatch: no process with pid " + pid + ".");
            }
            return process.stream().toList();
        }
        Map<Integer, ProcessInfo> holders = new LinkedHashMap<>();
        for (int port : ports) {
            List<ProcessInfo> held = KillService.holders(snapshot, port);
            if (held.isEmpty()) {
                boolean unseen = !KillService.listenersOn(snapshot, port).isEmpty();
                if (!unseen) {
                    err.println("portwatch: " + PortHolders.nothingHolds(snapshot, port));
                } else if (!snapshot.privileged()) {
                    // Another user's socket: the kernel hides its owner from us, and would refuse the signal too.
                    err.println("portwatch: " + port + " is held by another user's process, which portwatch may "
                            + "neither see nor stop; run: portwatch kill " + port + " --elevate");
                } else {
                    err.println("portwatch: " + port + " is held by a process portwatch can't see; "
                            + OwnerVisibility.reasonFor(port, snapshot) + ".");
                }
            }
            held.forEach(p -> holders.putIfAbsent(p.pid(), p));
        }
        return List.copyOf(holders.values());
    }

    /** The requested ports held only by sockets whose owner is unknown. */
    private List<Integer> hiddenHolders(Snapshot snapshot) {
        return ports.stream().filter(p -> KillService.holders(snapshot, p).isEmpty()
                && !KillService.listenersOn(snapshot, p).isEmpty()).toList();
    }

    /** Another user's process: the helper re-checks every guard itself and signals it. */
    private boolean stopThroughHelper(HelperClient helper, ProcessInfo target, Snapshot snapshot, PrintWriter out,
                                      PrintWriter err) {
        // A port the target holds in this scan: the helper re-checks in its own scan that it still does.
        Optional<Integer> heldPort = KillService.socketsOf(snapshot, target.pid()).stream().map(Listener::port)
                .filter(p -> ports.isEmpty() || ports.contains(p)).findFirst();
        if (heldPort.isEmpty() || target.startTime().isEmpty()) {
            err.println("portwatch: the helper stops only a process that holds a port and whose start time is "
                    + "known; " + KillOutcome.describe(target) + " is neither.");
            return false;
        }
        out.println("Asking the privileged helper (" + helper.mechanism() + ") to stop " + KillOutcome.describe(target)
                + "…");
        out.flush();
        try {
            HelperReply reply = helper.stop(target.pid(), target.startTime().get().toEpochMilli(), heldPort.get(),
                    force, tree, Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
            (reply.ok() ? out : err).println(reply.ok() ? reply.message() : "portwatch: " + reply.message());
            return reply.ok();
        } catch (HelperException e) {
            err.println("portwatch: " + e.getMessage());
            return false;
        }
    }

    private boolean stop(KillService service, ProcessInfo target, KillOptions options, PrintWriter out,
                         PrintWriter err) throws ActionException, InterruptedException {
        if (!options.forceNow()) {
            out.println("Asking " + KillOutcome.describe(target) + " to stop; waiting up to "
                    + options.timeout().toMillis() / 1000.0 + " s…");
            out.flush();
        }
        KillOutcome outcome = service.kill(target, options, KillService.Progress.NONE);
        if (!outcome.exited()) {
            err.println(outcome.sentence());
            err.flush();
            boolean forceNow = !yes && parent.confirmer()
                    .ask("Force " + KillOutcome.describe(target) + " to stop now?").orElse(false);
            if (!forceNow) {
                err.println("Left running; run again with --force to stop it at once.");
                return false;
            }
            outcome = service.kill(target, options.forced(), KillService.Progress.NONE);
        }
        out.println(outcome.sentence() + " Waited " + outcome.waited().toMillis() + " ms.");
        out.flush();
        return outcome.succeeded();
    }

    private static void describe(ProcessInfo target, Snapshot snapshot, PrintWriter out) {
        out.println(KillOutcome.describe(target) + (target.user().isEmpty() ? "" : ", user " + target.user())
                + target.startTime().map(t -> ", started " + SocketFields.formatStarted(t)).orElse(""));
        if (!target.commandLine().isEmpty()) {
            out.println("  command: " + target.commandLine());
        }
        String ports = KillService.socketsOf(snapshot, target.pid()).stream()
                .map(l -> l.local() + "/" + l.protocol().label())
                .distinct()
                .collect(Collectors.joining(", "));
        if (!ports.isEmpty()) {
            out.println("  holds:   " + ports);
        }
    }
}
