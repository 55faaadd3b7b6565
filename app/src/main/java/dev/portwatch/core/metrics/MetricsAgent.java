package dev.portwatch.core.metrics;

import dev.portwatch.core.DaemonThreads;
import dev.portwatch.core.ScanPoller;
import dev.portwatch.core.ScanResult;
import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.core.watch.WatchEvaluator;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.WatchRule;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The headless agent behind {@code portwatch serve}: scans on its own thread every interval and keeps the metrics of
 * the last good scan in a {@link PrometheusRegistry}, ready to be scraped or written to a file.
 *
 * <p>A scrape never scans: it reads the families computed after the last scan (one immutable object swapped in
 * atomically), so any number of scrapes costs no OS work and cannot delay or stop the scans. A failing scan counts
 * in {@code portwatch_scan_errors_total} and keeps the last good families. Thread-safe; owns its scan thread and
 * stops it on {@link #close()}.
 */
public final class MetricsAgent implements AutoCloseable {

    /** Scan duration buckets in seconds: a steady-state scan of 5,000 sockets takes ~8 ms, a cold one ~25 ms. */
    private static final double[] SCAN_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    private final SocketScanner scanner;
    private final List<WatchRule> rules;
    private final ServiceIdentifier services;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final AtomicReference<MetricSnapshots> families = new AtomicReference<>(MetricSnapshots.of());
    private final Histogram scanDuration;
    private final Counter scanErrors;
    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("portwatch-serve-scan"));
    private final ScanPoller poller;
    private volatile Consumer<ScanResult> afterScan = result -> { };

    /**
     * @param scanner  reads the OS; called only on the agent's scan thread (or the caller's, in {@link #scanOnce()})
     * @param rules    the watched entries
     * @param services recognises services for the {@code service} and {@code exposure} labels
     */
    public MetricsAgent(SocketScanner scanner, List<WatchRule> rules, ServiceIdentifier services) {
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.rules = List.copyOf(rules);
        this.services = Objects.requireNonNull(services, "services");
        scanDuration = Histogram.builder().name("portwatch_scan_duration_seconds").unit(Unit.SECONDS)
                .help("How long one scan of the socket tables and their owners took.")
                .classicOnly().classicUpperBounds(SCAN_BUCKETS).withoutExemplars()
                .register(registry);
        scanErrors = Counter.builder().name("portwatch_scan_errors_total")
                .help("Scans that failed; the metrics keep the last good scan meanwhile.")
                .withoutExemplars()
                .register(registry);
        registry.register((MultiCollector) families::get);
        poller = new ScanPoller(scanner, executor, this::record);
    }

    /** The registry to scrape: the scan families plus the scan duration and error metrics. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /**
     * Scans every {@code interval} on the agent's thread, starting now.
     *
     * @param interval   between the end of one scan and the start of the next, within
     *                   {@link ScanPoller#MIN_INTERVAL}..{@link ScanPoller#MAX_INTERVAL}
     * @param afterScan  called on the scan thread after each scan's metrics are in place (for the text file)
     */
    public void start(Duration interval, Consumer<ScanResult> afterScan) {
        this.afterScan = Objects.requireNonNull(afterScan, "afterScan");
        poller.setInterval(interval);
        poller.start();
    }

    /**
     * Runs one scan on the caller's thread and records it, for a one-off text file.
     *
     * @return the scan's error sentence, or empty when it succeeded
     */
    public Optional<String> scanOnce() {
        ScanResult result;
        try {
            result = ScanResult.of(scanner.scan());
        } catch (ScanException e) {
            result = ScanResult.failed(e.getMessage());
        }
        record(result);
        return result.error();
    }

    /** Stops scanning; a scan under way finishes on its own. */
    @Override
    public void close() {
        poller.close();
        executor.shutdownNow();
    }

    private void record(ScanResult result) {
        if (result.snapshot().isPresent()) {
            Snapshot snapshot = result.snapshot().get();
            families.set(ScanMetrics.of(snapshot, WatchEvaluator.evaluate(snapshot, rules), services));
            scanDuration.observe(snapshot.scanDuration().toNanos() / 1e9);
        } else {
            scanErrors.inc();
        }
        afterScan.accept(result);
    }
}
