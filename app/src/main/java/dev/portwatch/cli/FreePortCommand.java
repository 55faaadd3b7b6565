package dev.portwatch.cli;

import dev.portwatch.core.actions.FreePortFinder;
import dev.portwatch.model.PortRange;
import dev.portwatch.os.ScanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code portwatch free-port [--near N] [--count K]}: free TCP ports, one a line. Exit 1 when too few exist. */
@Command(name = "free-port", mixinStandardHelpOptions = true,
        description = {"Print the nearest free TCP port(s) from N upwards.",
            "Free means free on 127.0.0.1, ::1 and the wildcard, not watched, and not seen in use by a scan."})
public final class FreePortCommand implements Callable<Integer> {

    @ParentCommand
    PortwatchCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--near", paramLabel = "N", description = "Start looking here (default 8000).")
    int near = 8000;

    @Option(names = "--count", paramLabel = "K", description = "How many ports to print (default 1, at most 100).")
    int count = 1;

    @Override
    public Integer call() throws ScanException {
        if (near < 1 || near > PortRange.MAX_PORT) {
            throw new ParameterException(spec.commandLine(), "--near must be between 1 and 65535, not " + near);
        }
        if (count < 1 || count > 100) {
            throw new ParameterException(spec.commandLine(), "--count must be between 1 and 100, not " + count);
        }
        var finder = new FreePortFinder(WatchedPorts.saved(spec.commandLine().getErr()), parent.scanner().scan());
        List<Integer> ports = finder.near(near, count);
        PrintWriter out = spec.commandLine().getOut();
        ports.forEach(out::println);
        out.flush();
        if (ports.size() < count) {
            spec.commandLine().getErr().println("portwatch: only " + ports.size()
                    + (ports.size() == 1 ? " free port" : " free ports") + " from " + near + " up to 65535.");
            return 1;
        }
        return 0;
    }
}
