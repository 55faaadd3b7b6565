package dev.portwatch.cli;

import dev.portwatch.core.ListenerFilter;
import dev.portwatch.core.OwnerVisibility;
import dev.portwatch.core.ProtocolChoice;
import dev.portwatch.core.format.Json;
import dev.portwatch.core.format.SocketCsv;
import dev.portwatch.core.format.SocketField;
import dev.portwatch.core.format.SocketFields;
import dev.portwatch.core.format.SocketJson;
import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.core.watch.PortHolders;
import dev.portwatch.core.watch.WatchSpecException;
import dev.portwatch.core.watch.WatchSpecs;
import dev.portwatch.model.Listener;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.Snapshot;
import dev.portwatch.os.ScanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** {@code portwatch list}: the sockets listening on this machine, as a table or JSON. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List listening sockets (reachable at localhost unless --all) with their owners and services.")
public final class ListCommand implements Callable<Integer> {

    /** Orders sockets the way the window does by default: port, then protocol, then address. */
    public static final Comparator<Listener> BY_PORT = Comparator.comparingInt(Listener::port)
            .thenComparing(Listener::protocol)
            .thenComparing(Listener::address)
            .thenComparingInt(l -> l.pid().orElse(0));

    /** Exit code when PORT|RANGE arguments were given and nothing holds any of them. */
    static final int NOTHING_HELD = 1;

    @ParentCommand
    PortwatchCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    RemoteHostOption remote = new RemoteHostOption();

    @Parameters(arity = "0..*", paramLabel = "PORT|RANGE",
            description = "Only these ports (62893, 3000-3010, or a comma-separated list), on every address, "
                    + "with what holds them; exit 0 when something holds one of them, 1 when none is held.")
    List<String> portSpecs = List.of();

    @Option(names = "--all", description = "Include every bind address, not only those reachable at localhost.")
    boolean all;

    @Option(names = "--connections", description = "Include established connections.")
    boolean connections;

    @Option(names = "--protocol", paramLabel = "tcp|udp", description = "Only this protocol.",
            converter = ProtocolChoiceConverter.class)
    ProtocolChoice protocol = ProtocolChoice.BOTH;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    @Option(names = "--csv", description = "Print CSV (a header, then one line per socket) instead of a table.")
    boolean csv;

    @Option(names = "--elevate", description = "Show every owner: ask portwatch's privileged helper (pkexec or "
            + "sudo) for the owners your user cannot see.")
    boolean elevate;

    @Override
    public Integer call() throws ScanException, IOException {
        if (remote.isSet()) {
            return remote.runRemotely(spec, parent);
        }
        if (json && csv) {
            throw new ParameterException(spec.commandLine(), "--json and --csv exclude each other; pick one");
        }
        List<PortRange> ranges = new ArrayList<>();
        for (String text : portSpecs) {
            try {
                ranges.addAll(WatchSpecs.ranges(text));
            } catch (WatchSpecException e) {
                throw new ParameterException(spec.commandLine(), "bad PORT|RANGE: " + e.getMessage());
            }
        }
        Snapshot snapshot = parent.scanner(elevate, spec.commandLine().getErr()).scan();
        List<Listener> shown;
        boolean held = true;
        if (ranges.isEmpty()) {
            var filter = new ListenerFilter("", protocol, all, connections);
            shown = snapshot.listeners().stream().filter(filter).sorted(BY_PORT).toList();
        } else {
            // As lsof -i :PORT: every address, and whatever holds the port, a connection that outlived its listener
            // included (a JDWP agent with a debugger attached).
            Predicate<Listener> onPorts = l -> protocol.accepts(l.protocol())
                    && ranges.stream().anyMatch(r -> r.contains(l.port()));
            List<Listener> holders = PortHolders.holding(snapshot, onPorts);
            held = !holders.isEmpty();
            var filter = new ListenerFilter("", protocol, true, true);
            shown = snapshot.listeners().stream().filter(onPorts)
                    .filter(l -> holders.contains(l) || connections && filter.test(l))
                    .distinct().sorted(BY_PORT).toList();
        }
        var containers = new ContainerNames(parent.docker());
        containers.refreshFor(shown);
        ServiceIdentifier services = containers.identifier();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(SocketJson.of(shown, services)));
            out.flush();
        } else if (csv) {
            SocketCsv.write(shown, services, out);
            out.flush();
        } else {
            printTable(shown, services, out, connections || shown.stream().anyMatch(l -> !l.state().isListening()));
            OwnerVisibility.explain(shown, snapshot, OwnerVisibility.CLI_REMEDY)
                    .ifPresent(spec.commandLine().getErr()::println);
            if (!held) {
                spec.commandLine().getErr().println("Nothing holds " + String.join(" ", portSpecs) + ".");
            }
        }
        return held ? 0 : NOTHING_HELD;
    }

    private static void printTable(List<Listener> shown, ServiceIdentifier services, PrintWriter out,
                                   boolean connections) {
        List<SocketField> columns = SocketFields.tableColumns(connections);
        var table = new TextTable(columns.stream().map(f -> f.header().toUpperCase(Locale.ROOT))
                .toArray(String[]::new));
        for (Listener listener : shown) {
            table.add(columns.stream().map(f -> f.textOf(listener, services)).toArray(String[]::new));
        }
        table.print(out);
    }
}
