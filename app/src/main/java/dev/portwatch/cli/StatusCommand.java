package dev.portwatch.cli;

import dev.portwatch.core.format.Json;
import dev.portwatch.core.watch.LocalhostNames;
import dev.portwatch.core.watch.WatchEvaluator;
import dev.portwatch.model.Listener;
import dev.portwatch.model.WatchRule;
import dev.portwatch.model.WatchState;
import dev.portwatch.model.WatchStatus;
import dev.portwatch.os.ScanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code portwatch status}: the state of each watched port, for scripts (exit 1 on CONFLICT) and people. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each watched port's state (FREE, IN_USE, CONFLICT), reasons and holders.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every entry is FREE or IN_USE", "1:some entry is CONFLICT",
            "2:usage error, or the saved watch list is unusable"})
public final class StatusCommand implements Callable<Integer> {

    /** Exit code when some entry is in CONFLICT. */
    public static final int EXIT_CONFLICT = 1;
    /** Exit code when the saved watch list can't be read or parsed (and no --watch was given). */
    public static final int EXIT_UNUSABLE_SETTINGS = 2;

    @ParentCommand
    PortwatchCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    RemoteHostOption remote = new RemoteHostOption();

    @Option(names = "--watch", paramLabel = "SPEC",
            description = "Check these ports instead of the saved watch list, e.g. 62893,3000-3010,5353/udp.")
    List<String> watch = new ArrayList<>();

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() throws ScanException {
        if (remote.isSet()) {
            return remote.runRemotely(spec, parent);
        }
        Optional<List<WatchRule>> checked = WatchedPorts.rules(watch, spec);
        if (checked.isEmpty()) {
            return EXIT_UNUSABLE_SETTINGS;
        }
        List<WatchRule> rules = checked.get();
        List<WatchStatus> statuses = WatchEvaluator.evaluate(parent.scanner().scan(), rules,
                LocalhostNames.resolve());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(statuses.stream().map(WatchStatusJson::of).toList()));
        } else {
            printTable(statuses, out);
        }
        out.flush();
        return statuses.stream().anyMatch(s -> s.state() == WatchState.CONFLICT) ? EXIT_CONFLICT : 0;
    }

    private static void printTable(List<WatchStatus> statuses, PrintWriter out) {
        var table = new TextTable("WATCH", "LABEL", "STATE", "EXPOSED", "HOLDERS", "REASONS");
        for (WatchStatus status : statuses) {
            table.add(status.rule().ports() + "/" + status.rule().protocolLabel(),
                    status.rule().label(),
                    status.state().name(),
                    status.exposed() ? "yes" : "no",
                    status.holders().isEmpty() ? "-" : status.holders().stream().map(StatusCommand::holder)
                            .distinct().collect(Collectors.joining(", ")),
                    String.join("; ", status.reasons()));
        }
        table.print(out);
    }

    private static String holder(Listener listener) {
        // A connection that holds the port shows its peer: java/4242@127.0.0.1:5005<-127.0.0.1:59816.
        return listener.owner().map(p -> p.name() + "/" + p.pid()).orElse("?") + "@" + listener.local()
                + (listener.state().isListening() ? "" : listener.remote().map(r -> "<-" + r).orElse(""));
    }
}
