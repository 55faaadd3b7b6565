package dev.portwatch.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.portwatch.core.actions.ActionException;
import dev.portwatch.core.actions.DataDirectory;
import dev.portwatch.core.actions.FreePortFinder;
import dev.portwatch.core.actions.KillOutcome;
import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.actions.PortNotInCommandException;
import dev.portwatch.core.actions.PortRewrite;
import dev.portwatch.core.actions.RebindOutcome;
import dev.portwatch.core.actions.RebindPlan;
import dev.portwatch.core.actions.RebindService;
import dev.portwatch.core.actions.ShellQuoting;
import dev.portwatch.core.format.Json;
import dev.portwatch.core.helper.HelperClient;
import dev.portwatch.core.helper.HelperException;
import dev.portwatch.core.helper.HelperReply;
import dev.portwatch.core.watch.PortHolders;
import dev.portwatch.model.OwnerSource;
import dev.portwatch.model.PortRange;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code portwatch rebind PORT [--to NEW]}: moves the server listening on PORT to another port. Exit 0 when the new
 * port is listened, 1 otherwise, 2 on a usage error (or no terminal to ask on).
 */
@Command(name = "rebind", mixinStandardHelpOptions = true,
        description = {"Move the server listening on PORT to another free port, keeping its command line.",
            "Stops it gracefully, starts the same command with the port replaced (same directory and",
            "environment), and waits until it listens.",
            "With --elevate, another user's server is moved by portwatch's privileged helper, which reads its",
            "command itself and restarts it as its own user.",
            "Exit codes: 0 the new port is listened, 1 otherwise, 2 usage."})
public final class RebindCommand implements Callable<Integer> {

    @ParentCommand
    PortwatchCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    RemoteHostOption remote = new RemoteHostOption();

    @Parameters(index = "0", paramLabel = "PORT", description = "The port the server listens on now.")
    int port;

    @Option(names = "--to", paramLabel = "NEW", description = "The new port (default: the nearest free one above).")
    Integer to;

    @Option(names = "--timeout", paramLabel = "S",
            description = "Seconds to wait for the stop, and for the new port to listen (default 20).")
    double timeoutSeconds = RebindService.DEFAULT_START_TIMEOUT.toSeconds();

    @Option(names = "--yes", description = "Do not ask; required when standard input is not a terminal.")
    boolean yes;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--elevate", description = "See and move other users' servers through portwatch's privileged "
            + "helper (pkexec or sudo), after the same confirmation; it restarts them as their own user.")
    boolean elevate;

    /**
     * The JSON shape of a rebind's result.
     *
     * @param success          whether the new port is listened
     * @param message          one sentence
     * @param oldPort          the port before
     * @param newPort          the port after
     * @param oldPid           the stopped process
     * @param newPid           the started process, or null when none was started
     * @param oldCommand       the old argument vector (as UTF-8 text; bytes that are not UTF-8 show as U+FFFD)
     * @param newCommand       the new argument vector, likewise
     * @param workingDirectory where the new process runs
     * @param runsAs           the user, group and groups the new process runs as (the old process's own)
     * @param environment      the changed environment variables with their new values
     * @param log              the new process's log file, or null
     * @param logTail          the log's last lines on failure
     */
    @JsonPropertyOrder({"success", "message", "oldPort", "newPort", "oldPid", "newPid", "oldCommand", "newCommand",
        "workingDirectory", "runsAs", "environment", "log", "logTail"})
    public record RebindJson(boolean success, String message, int oldPort, int newPort, int oldPid, Long newPid,
                             List<String> oldCommand, List<String> newCommand, String workingDirectory,
                             String runsAs, Map<String, String> environment, String log, List<String> logTail) {
    }

    @Override
    public Integer call() throws ScanException {
        if (remote.isSet()) {
            return remote.runRemotely(spec, parent);
        }
        if (port < 1 || port > PortRange.MAX_PORT) {
            throw new ParameterException(spec.commandLine(), "PORT must be between 1 and 65535, not " + port);
        }
        if (to != null && (to < 1 || to > PortRange.MAX_PORT || to == port)) {
            throw new ParameterException(spec.commandLine(),
                    "--to must be between 1 and 65535 and differ from PORT, not " + to);
        }
        if (!(timeoutSeconds >= 1 && timeoutSeconds <= 600)) {
            throw new ParameterException(spec.commandLine(), "--timeout must be between 1 and 600 seconds");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SocketScanner scanner = parent.scanner(elevate, err);
        Snapshot snapshot = scanner.scan();
        List<ProcessInfo> holders = KillService.holders(snapshot, port);
        if (holders.size() != 1) {
            err.println("portwatch: " + (holders.isEmpty()
                    ? (KillService.listenersOn(snapshot, port).isEmpty()
                            ? PortHolders.nothingHolds(snapshot, port)
                            : port + " is held by a process portwatch can't see; run: portwatch rebind " + port
                                    + " --elevate")
                    : port + " is held by " + holders.size() + " processes; stop the others first."));
            return 1;
        }
        var finder = new FreePortFinder(WatchedPorts.saved(spec.commandLine().getErr()), snapshot);
        int target;
        if (to != null) {
            target = to;
        } else {
            OptionalInt free = finder.nearestAbove(port);
            if (free.isEmpty()) {
                err.println("portwatch: no free port above " + port + ".");
                return 1;
            }
            target = free.getAsInt();
        }
        ProcessInfo holder = holders.get(0);
        boolean revealed = KillService.listenersOn(snapshot, port).stream()
                .anyMatch(l -> l.pid().orElse(0) == holder.pid() && l.ownerSource() == OwnerSource.HELPER);
        if (revealed) {
            // Another user's server: this user may not read its environment nor start it as its owner.
            Optional<HelperClient> helper = parent.helper(err);
            if (helper.isPresent()) {
                return moveThroughHelper(helper.get(), holder, target, out, err);
            }
        }
        var service = new RebindService(new KillService(scanner, parent.processes()), DataDirectory.logs());
        RebindPlan plan;
        try {
            plan = service.plan(holders.get(0), port, target);
        } catch (PortNotInCommandException e) {
            err.println("portwatch: " + e.getMessage());
            finder.nearestAbove(port).ifPresent(free -> err.println("A free port to configure by hand: " + free));
            return 1;
        } catch (ActionException e) {
            err.println("portwatch: " + e.getMessage());
            return 1;
        }
        PrintWriter planOut = json ? err : out;
        printPlan(plan, planOut);
        OptionalInt stop = Terminal.confirmOrStop(parent.confirmer(), yes,
                "Stop " + KillOutcome.describe(plan.process()) + " and start it on " + target + "?", err);
        if (stop.isPresent()) {
            return stop.getAsInt();
        }
        Duration timeout = Duration.ofMillis(Math.round(timeoutSeconds * 1000));
        RebindOutcome outcome;
        try {
            outcome = service.execute(plan, finder, timeout, step -> {
                err.println(step);
                err.flush();
            });
        } catch (ActionException e) {
            err.println("portwatch: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        if (json) {
            out.println(Json.write(toJson(outcome)));
        } else {
            out.println(outcome.sentence());
            if (outcome.success()) {
                out.println("new pid: " + outcome.newPid().getAsLong());
                out.println("log:     " + outcome.log());
            } else {
                outcome.logTail().forEach(line -> out.println("  | " + line));
                out.println("To start the old command by hand, in " + plan.workingDirectory() + ":");
                out.println("  " + ShellQuoting.joinExact(plan.rewrite().oldArguments()));
            }
        }
        out.flush();
        return outcome.success() ? 0 : 1;
    }

    /**
     * The helper plans and moves it itself (it reads the holder's argv, environment and directory, and restarts it as
     * its owner); this side shows what it can see and asks first.
     */
    private int moveThroughHelper(HelperClient helper, ProcessInfo holder, int target, PrintWriter out,
                                  PrintWriter err) {
        PrintWriter planOut = json ? err : out;
        planOut.println(KillOutcome.describe(holder) + " listens on " + port + (holder.user().isEmpty() ? ""
                : "; it runs as " + holder.user()) + ".");
        planOut.println("  old:       " + holder.commandLine());
        planOut.println("  portwatch's privileged helper (" + helper.mechanism() + ") reads its exact command, "
                + "environment and directory itself, replaces " + port + " with " + target + " and restarts it as "
                + (holder.user().isEmpty() ? "its owner" : holder.user()) + ".");
        planOut.flush();
        if (holder.startTime().isEmpty()) {
            err.println("portwatch: the start time of " + KillOutcome.describe(holder) + " is unknown, so a reused "
                    + "pid can't be ruled out; refused.");
            return 1;
        }
        OptionalInt stop = Terminal.confirmOrStop(parent.confirmer(), yes,
                "Stop " + KillOutcome.describe(holder) + " and start it on " + target + "?", err);
        if (stop.isPresent()) {
            return stop.getAsInt();
        }
        HelperReply reply;
        try {
            reply = helper.move(holder.pid(), holder.startTime().get().toEpochMilli(), port, target);
        } catch (HelperException e) {
            err.println("portwatch: " + e.getMessage());
            return 1;
        }
        if (json) {
            out.println(Json.write(new RebindJson(reply.ok(), reply.message(), port, target, holder.pid(),
                    reply.newPid(), holder.arguments(), null, null, holder.user(), Map.of(), null, List.of())));
        } else if (reply.ok()) {
            out.println(reply.message());
            out.println("new pid: " + reply.newPid());
        } else {
            err.println("portwatch: " + reply.message());
        }
        out.flush();
        return reply.ok() ? 0 : 1;
    }

    private static void printPlan(RebindPlan plan, PrintWriter out) {
        PortRewrite rewrite = plan.rewrite();
        out.println(KillOutcome.describe(plan.process()) + " listens on " + plan.oldPort()
                + "; found the port in " + rewrite.whereFound() + ".");
        out.println("  runs as:   " + plan.runsAs());
        out.println("  directory: " + plan.workingDirectory());
        out.println("  old:       " + ShellQuoting.joinExact(rewrite.oldArguments()));
        out.println("  new:       " + ShellQuoting.joinExact(rewrite.newArguments()));
        for (String name : rewrite.changedVariables()) {
            out.println("  env:       " + name + "=" + rewrite.oldValue(name).orElse("") + " -> "
                    + rewrite.newValue(name).orElse(""));
        }
        rewrite.unchangedSentence().ifPresent(note -> out.println("  note:      " + note + "."));
        out.flush();
    }

    private static RebindJson toJson(RebindOutcome outcome) {
        RebindPlan plan = outcome.plan();
        PortRewrite rewrite = plan.rewrite();
        Map<String, String> environment = new TreeMap<>();
        rewrite.changedVariables().forEach(name -> environment.put(name, rewrite.newValue(name).orElse("")));
        return new RebindJson(outcome.success(), outcome.sentence(), plan.oldPort(), plan.newPort(),
                plan.process().pid(), outcome.newPid().isPresent() ? outcome.newPid().getAsLong() : null,
                rewrite.oldArgumentTexts(), rewrite.newArgumentTexts(), plan.workingDirectory(), plan.runsAs(),
                environment,
                outcome.log().toString(), outcome.logTail());
    }
}
