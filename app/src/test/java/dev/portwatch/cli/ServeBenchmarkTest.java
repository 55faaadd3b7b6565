package dev.portwatch.cli;

import dev.portwatch.core.bench.ListenerHolderProcess;
import dev.portwatch.testing.ServeChild;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What {@code portwatch serve} costs with many listeners: its CPU and resident memory, and the size of a scrape.
 * Prints the figures the README's "Cardinality and cost" table quotes; asserts nothing about them. Runs only with
 * {@code -Dportwatch.bench=true}:
 * <pre>mvn -B -q verify -Dtest=ServeBenchmarkTest -Dportwatch.bench=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * Properties: {@code portwatch.bench.listeners} (5000), {@code portwatch.bench.interval} (serve's interval, 5 s),
 * {@code portwatch.bench.warmup} (60 s), {@code portwatch.bench.window} (120 s), {@code portwatch.bench.jvm} (the
 * agent's JVM flags, {@code -XX:+UseSerialGC -Xmx64m}).
 *
 * <p>Another process holds the listeners ({@code ListenerHolder}), as in real use. During warm-up and measurement
 * the benchmark scrapes every 15 s, as a Prometheus with the default interval would, so the CPU includes scrapes.
 */
class ServeBenchmarkTest {

    private static final int LISTENERS = Integer.getInteger("portwatch.bench.listeners", 5_000);
    private static final String INTERVAL = System.getProperty("portwatch.bench.interval", "5");
    private static final Duration WARMUP = Duration.ofSeconds(Integer.getInteger("portwatch.bench.warmup", 60));
    private static final Duration WINDOW = Duration.ofSeconds(Integer.getInteger("portwatch.bench.window", 120));
    private static final String JVM = System.getProperty("portwatch.bench.jvm", "-XX:+UseSerialGC -Xmx64m");
    private static final Duration SCRAPE_EVERY = Duration.ofSeconds(15);
    /** Clock ticks per second of /proc/PID/stat times (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100.0;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void cpuMemoryAndScrapeSizeAtManyListeners() throws Exception {
        assumeTrue(Boolean.getBoolean("portwatch.bench"), "benchmarks run with -Dportwatch.bench=true");
        List<String> flags = Arrays.stream(JVM.split(" ")).filter(f -> !f.isBlank()).toList();
        try (var holder = ListenerHolderProcess.start(LISTENERS, Duration.ofMinutes(2));
                var serve = ServeChild.start(flags, "--listen", "127.0.0.1:0", "--interval", INTERVAL,
                        "--watch", "62893,3000-3010,5432")) {
            int port = serve.awaitPort(Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (series(get(port, "text/plain", false)) < LISTENERS) {
                assertThat(System.nanoTime()).as("the holder's listeners are served").isLessThan(deadline);
                Thread.sleep(500);
            }
            scrapeFor(port, WARMUP, serve, new ArrayList<>());

            long ticksBefore = cpuTicks(serve.pid());
            long start = System.nanoTime();
            List<Long> rss = new ArrayList<>();
            scrapeFor(port, WINDOW, serve, rss);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuPercent = (cpuTicks(serve.pid()) - ticksBefore) / TICKS / seconds * 100;

            byte[] text = get(port, "text/plain", false);
            byte[] openMetrics = get(port, "application/openmetrics-text; version=1.0.0", false);
            byte[] gzip = get(port, "text/plain", true);
            List<Double> scrapeMillis = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long t = System.nanoTime();
                get(port, "application/openmetrics-text; version=1.0.0", true);
                scrapeMillis.add((System.nanoTime() - t) / 1e6);
            }
            rss.sort(null);
            scrapeMillis.sort(null);
            System.out.printf(Locale.ROOT, """
                    portwatch serve benchmark: %d listeners held by another process (pid %d), interval %s s,
                      agent JVM flags: %s; warm-up %d s, measured over %.0f s, scraped every %d s
                      series (samples) in one scrape: %d
                      scrape size: Prometheus text %d bytes, OpenMetrics %d bytes, text gzip %d bytes
                      scrape time (OpenMetrics + gzip, 20 in a row): median %.1f ms, max %.1f ms
                      agent CPU: %.2f%% of one core
                      agent RSS: median %d MiB, max %d MiB (%d samples, every 5 s)
                    """, holder.listeners(), holder.pid(), INTERVAL, JVM, WARMUP.toSeconds(), seconds,
                    SCRAPE_EVERY.toSeconds(), series(text), text.length, openMetrics.length, gzip.length,
                    scrapeMillis.get(scrapeMillis.size() / 2), scrapeMillis.get(scrapeMillis.size() - 1),
                    cpuPercent, rss.get(rss.size() / 2) / 1024, rss.get(rss.size() - 1) / 1024, rss.size());
        }
    }

    /** Scrapes every 15 s and samples RSS (kB) every 5 s for {@code duration}. */
    private void scrapeFor(int port, Duration duration, ServeChild serve, List<Long> rss) throws Exception {
        long end = System.nanoTime() + duration.toNanos();
        long nextScrape = System.nanoTime();
        while (System.nanoTime() < end) {
            if (System.nanoTime() >= nextScrape) {
                get(port, "application/openmetrics-text; version=1.0.0", true);
                nextScrape += SCRAPE_EVERY.toNanos();
            }
            rss.add(serve.status("VmRSS"));
            Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    private byte[] get(int port, String accept, boolean gzip) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .header("Accept", accept);
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    /** Sample lines (not comments) of an uncompressed scrape. */
    private static long series(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).count();
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // Fields after the command name, which is in parentheses and may hold spaces: utime is 14th, stime 15th.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

}
