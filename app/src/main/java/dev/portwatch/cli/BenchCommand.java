package dev.portwatch.cli;

import dev.portwatch.core.bench.ListenerHolderProcess;
import dev.portwatch.core.bench.ScanBenchmark;
import dev.portwatch.core.bench.ScanBenchmark.Report;
import dev.portwatch.core.bench.ScanBenchmark.Timings;
import dev.portwatch.core.format.Json;
import dev.portwatch.os.ScanException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code portwatch bench}: how long a scan takes on this machine, steady-state and cold, next to {@code ss -tlnp}.
 * With {@code --listeners N} a helper JVM holds N loopback listeners for the run and is killed by its pid at the end.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Time portwatch's scan: steady-state (nothing changed) and cold, next to 'ss -tlnp'.",
            "Opens N loopback listeners in a helper process first; N=0 measures the machine as it is."})
public final class BenchCommand implements Callable<Integer> {

    /** The targets: steady median at most 0.3 of ss's, cold at most 1.0 of it. */
    static final double STEADY_TARGET = 0.3;
    static final double COLD_TARGET = 1.0;
    /** More scans than anyone waits for (about 15 minutes at 5,000 listeners); the timings are kept in memory. */
    static final int MAX_ITERATIONS = 10_000;

    @Spec
    CommandSpec spec;

    @ParentCommand
    PortwatchCommand parent;

    @Option(names = "--listeners", paramLabel = "N", defaultValue = "5000",
            description = "Loopback TCP listeners a helper process holds during the run (default: ${DEFAULT-VALUE}).")
    int listeners;

    @Option(names = "--iterations", paramLabel = "K", defaultValue = "30",
            description = "Scans timed per kind, 1 to 10000 (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--no-full", description = "Skip timing OSHI's full scan (the reference).")
    boolean noFull;

    @Option(names = "--json", description = "Print the figures as a JSON object.")
    boolean json;

    @Override
    public Integer call() throws ScanException, IOException {
        if (listeners < 0 || listeners > 60_000) {
            throw new ParameterException(spec.commandLine(), "--listeners must be 0 to 60000, not " + listeners);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new ParameterException(spec.commandLine(), "--iterations must be 1 to " + MAX_ITERATIONS + ", not "
                    + iterations);
        }
        Optional<ListenerHolderProcess> holder = Optional.empty();
        try {
            if (listeners > 0) {
                holder = Optional.of(ListenerHolderProcess.start(listeners, Duration.ofMinutes(2)));
            }
            OsServices os = parent.os();
            Report report = ScanBenchmark.run(os.scanner(), noFull ? Optional.empty() : Optional.of(os.fullScanner()),
                    iterations, ScanBenchmark.findSs());
            print(report, holder.map(ListenerHolderProcess::pid).orElse(0L));
            return 0;
        } finally {
            holder.ifPresent(ListenerHolderProcess::close);
        }
    }

    private void print(Report report, long holderPid) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(asJson(report, holderPid)));
            out.flush();
            return;
        }
        out.printf(Locale.ROOT, "portwatch bench: %d listening sockets seen (%d sockets in all), %s, %d iterations%n",
                report.listenersSeen(), report.sockets(), report.scanner(), report.iterations());
        if (holderPid > 0) {
            out.printf(Locale.ROOT, "%d loopback listeners held by helper process %d%n", listeners, holderPid);
        }
        out.printf(Locale.ROOT, "%-22s %9s %9s%n", "", "median ms", "p95 ms");
        row(out, "steady-state scan", report.steady());
        row(out, "cold scan", report.cold());
        report.full().ifPresent(t -> row(out, "OSHI full scan", t));
        report.ss().ifPresentOrElse(t -> row(out, "ss -tlnp (process)", t),
                () -> out.println("ss -tlnp: not installed, no ratio"));
        report.steadyToSs().ifPresent(r -> out.printf(Locale.ROOT, "steady / ss  %.2f  (target <= %.1f)%n", r,
                STEADY_TARGET));
        report.coldToSs().ifPresent(r -> out.printf(Locale.ROOT, "cold / ss    %.2f  (target <= %.1f)%n", r,
                COLD_TARGET));
        out.flush();
    }

    private static void row(PrintWriter out, String label, Timings timings) {
        out.printf(Locale.ROOT, "%-22s %9.2f %9.2f%n", label, timings.medianMs(), timings.p95Ms());
    }

    private Map<String, Object> asJson(Report report, long holderPid) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("listeners", report.listenersSeen());
        fields.put("sockets", report.sockets());
        fields.put("listeners_opened", listeners);
        fields.put("helper_pid", holderPid > 0 ? holderPid : null);
        fields.put("iterations", report.iterations());
        fields.put("scanner", report.scanner());
        fields.put("steady_median_ms", round(report.steady().medianMs()));
        fields.put("steady_p95_ms", round(report.steady().p95Ms()));
        fields.put("cold_median_ms", round(report.cold().medianMs()));
        fields.put("cold_p95_ms", round(report.cold().p95Ms()));
        fields.put("full_median_ms", report.full().map(t -> round(t.medianMs())).orElse(null));
        fields.put("full_p95_ms", report.full().map(t -> round(t.p95Ms())).orElse(null));
        fields.put("ss_median_ms", report.ss().map(t -> round(t.medianMs())).orElse(null));
        fields.put("ss_p95_ms", report.ss().map(t -> round(t.p95Ms())).orElse(null));
        fields.put("steady_to_ss", report.steadyToSs().map(BenchCommand::round).orElse(null));
        fields.put("cold_to_ss", report.coldToSs().map(BenchCommand::round).orElse(null));
        return fields;
    }

    private static Double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
