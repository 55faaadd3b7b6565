package dev.portwatch.core.bench;

import dev.portwatch.model.Listener;
import dev.portwatch.model.Snapshot;
import dev.portwatch.os.ScanException;
import dev.portwatch.os.SocketScanner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Times scans the way {@code portwatch bench} reports them: steady-state (one scanner, nothing changed since its
 * previous scan), cold (the first scan of a fresh scanner, in a warmed-up JVM), OSHI's full scan, and the
 * whole {@code ss -tlnp} process for scale. The kinds are interleaved per iteration so that load from other programs
 * hits them alike. Blocking and slow (seconds): never on the JavaFX thread.
 */
public final class ScanBenchmark {

    private static final int WARM_UP = 3;

    private ScanBenchmark() {
    }

    /**
     * Median and 95th percentile of one kind of measurement.
     *
     * @param medianMs median, in milliseconds
     * @param p95Ms    95th percentile (nearest rank), in milliseconds
     */
    public record Timings(double medianMs, double p95Ms) {

        /** Summarises durations given in nanoseconds; the array is sorted in place. */
        public static Timings of(long[] nanos) {
            if (nanos.length == 0) {
                throw new IllegalArgumentException("no measurements");
            }
            Arrays.sort(nanos);
            int n = nanos.length;
            double median = n % 2 == 1 ? nanos[n / 2] : (nanos[n / 2 - 1] + nanos[n / 2]) / 2.0;
            long p95 = nanos[Math.max(0, (int) Math.ceil(0.95 * n) - 1)];
            return new Timings(median / 1e6, p95 / 1e6);
        }
    }

    /**
     * The outcome of one benchmark run.
     *
     * @param listenersSeen listening sockets (TCP LISTEN, unconnected UDP) the last steady scan saw
     * @param sockets       all sockets the last steady scan saw, connections included
     * @param iterations    measurements per kind
     * @param scanner       the simple class name of the scanner measured
     * @param steady        steady-state scans
     * @param cold          first scans of fresh scanners
     * @param full          OSHI's full scans; empty when not measured
     * @param ss            whole {@code ss -tlnp} runs; empty when {@code ss} is not installed
     */
    public record Report(int listenersSeen, int sockets, int iterations, String scanner, Timings steady, Timings cold,
                         Optional<Timings> full, Optional<Timings> ss) {

        /** Steady median over {@code ss} median; empty without {@code ss}. */
        public Optional<Double> steadyToSs() {
            return ss.map(s -> steady.medianMs() / s.medianMs());
        }

        /** Cold median over {@code ss} median; empty without {@code ss}. */
        public Optional<Double> coldToSs() {
            return ss.map(s -> cold.medianMs() / s.medianMs());
        }
    }

    /**
     * Runs the benchmark.
     *
     * @param scanners   creates the scanner under test; called once for the steady one and once per cold scan
     * @param full       creates the reference full scanner; empty to skip it
     * @param iterations measurements per kind, at least 1
     * @param ss         the {@code ss} executable; empty to skip it
     * @throws ScanException when a scan fails
     * @throws IOException   when {@code ss} cannot be run
     */
    public static Report run(Supplier<SocketScanner> scanners, Optional<Supplier<SocketScanner>> full,
                             int iterations, Optional<Path> ss) throws ScanException, IOException {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1: " + iterations);
        }
        SocketScanner steadyScanner = scanners.get();
        SocketScanner fullScanner = full.map(Supplier::get).orElse(null);
        Snapshot last = null;
        for (int i = 0; i < WARM_UP; i++) {
            last = steadyScanner.scan();
            scanners.get().scan();
            if (fullScanner != null) {
                fullScanner.scan();
            }
            if (ss.isPresent()) {
                runSs(ss.get());
            }
        }
        long[] steady = new long[iterations];
        long[] cold = new long[iterations];
        long[] fullTimes = new long[iterations];
        long[] ssTimes = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            last = steadyScanner.scan();
            steady[i] = System.nanoTime() - start;

            SocketScanner fresh = scanners.get();
            start = System.nanoTime();
            fresh.scan();
            cold[i] = System.nanoTime() - start;

            if (fullScanner != null) {
                start = System.nanoTime();
                fullScanner.scan();
                fullTimes[i] = System.nanoTime() - start;
            }
            if (ss.isPresent()) {
                ssTimes[i] = runSs(ss.get());
            }
        }
        int listening = (int) last.listeners().stream().map(Listener::state).filter(s -> s.isListening()).count();
        return new Report(listening, last.listeners().size(), iterations, steadyScanner.getClass().getSimpleName(),
                Timings.of(steady), Timings.of(cold),
                fullScanner == null ? Optional.empty() : Optional.of(Timings.of(fullTimes)),
                ss.isPresent() ? Optional.of(Timings.of(ssTimes)) : Optional.empty());
    }

    /** The {@code ss} executable on the {@code PATH}, if any. */
    public static Optional<Path> findSs() {
        String path = System.getenv().getOrDefault("PATH", "");
        List<Path> candidates = new ArrayList<>();
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                candidates.add(Path.of(dir, "ss"));
            }
        }
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** Runs {@code ss -tlnp} once, output discarded; returns its wall time from start to exit, in nanoseconds. */
    private static long runSs(Path ss) throws IOException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(ss.toString(), "-tlnp").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running ss", e);
        }
        return System.nanoTime() - start;
    }
}
