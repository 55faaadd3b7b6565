package dev.portwatch.cli;

import dev.portwatch.core.ScanPoller;
import dev.portwatch.core.ScanResult;
import dev.portwatch.core.metrics.MetricsAgent;
import dev.portwatch.core.metrics.MetricsServer;
import dev.portwatch.core.metrics.TextfileWriter;
import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.WatchRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code portwatch serve}: a headless agent that scans every interval and serves Prometheus metrics on
 * {@code /metrics}, or writes them to a file for node_exporter's textfile collector.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Scan every interval and serve Prometheus metrics on http://ADDR:PORT/metrics,",
            "or write them to a file for node_exporter's textfile collector (--textfile)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:--textfile written once (serving runs until stopped)",
            "1:the address could not be bound, the file not written, or the one scan failed", "2:usage error"})
public final class ServeCommand implements Callable<Integer> {

    /** Where {@code serve} listens unless told otherwise: this machine only. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:9863";
    /** How often {@code serve} scans unless told otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

    /** {@code ADDR:PORT}, {@code [IPv6]:PORT} or {@code PORT}. */
    private static final Pattern LISTEN = Pattern.compile("(?:(\\[[0-9A-Fa-f:.]+]|[0-9.]+|localhost):)?(\\d{1,5})");

    @ParentCommand
    PortwatchCommand parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--listen", paramLabel = "ADDR:PORT",
            description = "Where to serve /metrics (default ${DEFAULT-VALUE}; loopback only). An address other"
                    + " than loopback lets other machines read every port, process and user of this host.")
    String listen = DEFAULT_LISTEN;

    @Option(names = "--interval", paramLabel = "S",
            description = "Seconds between scans, 0.5 to 10 (default 5). With --textfile: keep rewriting the file.")
    Double interval;

    @Option(names = "--watch", paramLabel = "SPEC", split = ",",
            description = "Watch these ports instead of the saved watch list, e.g. 62893,3000-3010,5353/udp.")
    List<String> watch = new ArrayList<>();

    @Option(names = "--textfile", paramLabel = "PATH",
            description = "Write the metrics to PATH (atomically, for node_exporter's textfile collector) instead of"
                    + " serving them; once, or every --interval.")
    Path textfile;

    @Override
    public Integer call() throws InterruptedException {
        Duration every = interval();
        Optional<List<WatchRule>> checked = WatchedPorts.rules(watch, spec);
        if (checked.isEmpty()) {
            return StatusCommand.EXIT_UNUSABLE_SETTINGS;
        }
        List<WatchRule> rules = checked.get();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (textfile != null) {
            return writeTextfile(rules, out, err);
        }
        InetSocketAddress address = listenAddress();
        var agent = new MetricsAgent(parent.scanner(), rules, ServiceIdentifier.standard());
        MetricsServer server;
        try {
            server = MetricsServer.start(address, agent.registry());
        } catch (IOException | RuntimeException e) {
            agent.close();
            err.println("portwatch: cannot listen on " + listen + ": " + reason(e));
            err.flush();
            return 1;
        }
        if (!address.getAddress().isLoopbackAddress()) {
            err.println("portwatch: warning: serving on " + address.getAddress().getHostAddress()
                    + ", reachable from other machines: anyone who connects sees every listening port, process and"
                    + " user of this host. Use --listen 127.0.0.1:PORT unless Prometheus scrapes from elsewhere.");
            err.flush();
        }
        agent.start(every, result -> result.error().ifPresent(e -> {
            err.println("portwatch: scan failed, keeping the last good metrics: " + e);
            err.flush();
        }));
        out.println("Serving metrics on http://" + hostPort(address.getAddress(), server.port()) + "/metrics,"
                + " scanning every " + seconds(every) + " s, " + rules.size() + " watched "
                + (rules.size() == 1 ? "entry" : "entries") + ". Stop with Ctrl+C.");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            agent.close();
        }, "portwatch-serve-stop"));
        new CountDownLatch(1).await();
        return 0;
    }

    private int writeTextfile(List<WatchRule> rules, PrintWriter out, PrintWriter err) throws InterruptedException {
        if (spec.commandLine().getParseResult().hasMatchedOption("--listen")) {
            throw new ParameterException(spec.commandLine(), "--textfile writes a file and serves nothing; drop"
                    + " --listen, or run two agents");
        }
        Path target = textfile.toAbsolutePath();
        if (!Files.isDirectory(target.getParent())) {
            throw new ParameterException(spec.commandLine(), "bad --textfile: directory " + target.getParent()
                    + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new ParameterException(spec.commandLine(), "bad --textfile: " + target + " is a directory");
        }
        var agent = new MetricsAgent(parent.scanner(), rules, ServiceIdentifier.standard());
        if (interval == null) {
            try (agent) {
                Optional<String> failure = agent.scanOnce();
                failure.ifPresent(e -> err.println("portwatch: scan failed: " + e));
                if (!write(agent, target, err)) {
                    return 1;
                }
                return failure.isPresent() ? 1 : 0;
            } finally {
                err.flush();
            }
        }
        agent.start(interval(), (ScanResult result) -> {
            result.error().ifPresent(e -> err.println("portwatch: scan failed, keeping the last good metrics: "
                    + e));
            write(agent, target, err);
            err.flush();
        });
        out.println("Writing metrics to " + target + " every " + seconds(interval()) + " s. Stop with Ctrl+C.");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "portwatch-serve-stop"));
        new CountDownLatch(1).await();
        return 0;
    }

    private static boolean write(MetricsAgent agent, Path target, PrintWriter err) {
        try {
            TextfileWriter.write(target, agent.registry().scrape());
            return true;
        } catch (IOException e) {
            err.println("portwatch: cannot write " + target + ": " + reason(e));
            return false;
        }
    }

    private Duration interval() {
        if (interval == null) {
            return DEFAULT_INTERVAL;
        }
        double min = ScanPoller.MIN_INTERVAL.toMillis() / 1000.0;
        double max = ScanPoller.MAX_INTERVAL.toMillis() / 1000.0;
        if (!(interval >= min && interval <= max)) {
            throw new ParameterException(spec.commandLine(), "bad --interval " + interval + ": give seconds from "
                    + seconds(ScanPoller.MIN_INTERVAL) + " to " + seconds(ScanPoller.MAX_INTERVAL));
        }
        return Duration.ofMillis(Math.round(interval * 1000));
    }

    private InetSocketAddress listenAddress() {
        Matcher matcher = LISTEN.matcher(listen.strip());
        int port = matcher.matches() ? Integer.parseInt(matcher.group(2)) : -1;
        if (port < 0 || port > PortRange.MAX_PORT) {
            throw new ParameterException(spec.commandLine(), "bad --listen '" + listen + "': give ADDR:PORT with an"
                    + " IP address, e.g. 127.0.0.1:9863, [::1]:9863 or 0.0.0.0:9863");
        }
        String host = matcher.group(1) == null ? "127.0.0.1" : matcher.group(1);
        try {
            // Only IP literals and "localhost" get here, so this never asks DNS.
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "bad --listen '" + listen + "': " + host
                    + " is not an IP address");
        }
    }

    private static String hostPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String seconds(Duration duration) {
        double s = duration.toMillis() / 1000.0;
        return s == Math.rint(s) ? Long.toString((long) s) : String.format(Locale.ROOT, "%.1f", s);
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        if (e.getCause() != null && (message == null || message.contains("Exception"))) {
            message = e.getCause().getMessage();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
