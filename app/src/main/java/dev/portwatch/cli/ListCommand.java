package dev.portwatch.cli;

import dev.portwatch.core.ListenerFilter;
import dev.portwatch.core.OwnerVisibility;
import dev.portwatch.core.ProtocolChoice;
import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.core.format.Json;
import dev.portwatch.core.format.SocketCsv;
import dev.portwatch.core.format.SocketField;
import dev.portwatch.core.format.SocketFields;
import dev.portwatch.core.format.SocketJson;
import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.model.Listener;
import dev.portwatch.model.Snapshot;
import dev.portwatch.os.DockerContainers;
import dev.portwatch.os.ScanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code portwatch list}: the sockets listening on this machine, as a table or JSON. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List listening sockets (reachable at localhost unless --all) with their owners and services.")
public final class ListCommand implements Callable<Integer> {

    /** Orders sockets the way the window does by default: port, then protocol, then address. */
    public static final Comparator<Listener> BY_PORT = Comparator.comparingInt(Listener::port)
            .thenComparing(Listener::protocol)
            .thenComparing(Listener::address)
            .thenComparingInt(l -> l.pid().orElse(0));

    @ParentCommand
    PortwatchCommand parent;

    @Spec
    CommandSpec spec;

    @Mixin
    RemoteHostOption remote = new RemoteHostOption();

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
        Snapshot snapshot = parent.scanner(elevate, spec.commandLine().getErr()).scan();
        var filter = new ListenerFilter("", protocol, all, connections);
        List<Listener> shown = snapshot.listeners().stream().filter(filter).sorted(BY_PORT).toList();
        var containers = new ContainerNames(DockerContainers.system());
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
            printTable(shown, services, out);
            OwnerVisibility.explain(shown, snapshot).ifPresent(spec.commandLine().getErr()::println);
        }
        return 0;
    }

    private static void printTable(List<Listener> shown, ServiceIdentifier services, PrintWriter out) {
        List<SocketField> columns = SocketFields.tableColumns();
        var table = new TextTable(columns.stream().map(f -> f.header().toUpperCase(Locale.ROOT)).toArray(String[]::new));
        for (Listener listener : shown) {
            table.add(columns.stream().map(f -> f.textOf(listener, services)).toArray(String[]::new));
        }
        table.print(out);
    }
}
