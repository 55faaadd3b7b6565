package dev.portwatch.core.metrics;

import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.core.watch.WatchSpecs;
import dev.portwatch.testing.FakeScanner;
import dev.portwatch.testing.ServeChild;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static dev.portwatch.testing.Sockets.tcp;
import static org.assertj.core.api.Assertions.assertThat;

/** The agent and its HTTP server in this JVM, over real loopback HTTP, with a fake scanner. */
class MetricsServerTest {

    private final FakeScanner scanner = new FakeScanner()
            .willReport(List.of(tcp("127.0.0.1", 62893, 100, "java", "java -jar api.jar")));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private MetricsAgent agent;
    private MetricsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    private void start(Duration interval) throws Exception {
        agent = new MetricsAgent(scanner, WatchSpecs.parseAll(List.of("62893")), ServiceIdentifier.standard());
        server = MetricsServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), agent.registry());
        agent.start(interval, result -> { });
        await(() -> scanner.scans() >= 1);
    }

    private HttpResponse<String> get(String accept) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition met within 30 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void servesPrometheusTextOrOpenMetricsAsTheScraperAsks() throws Exception {
        start(Duration.ofSeconds(5));

        HttpResponse<String> text = get(null);
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(text.body()).contains("# TYPE portwatch_listener_info gauge\n")
                .contains("port=\"62893\",process=\"java\"")
                .contains("portwatch_watch_state{state=\"in_use\",watch=\"62893/tcp\"} 1.0")
                .contains("portwatch_scan_duration_seconds_count 1")
                .contains("portwatch_scan_errors_total 0.0")
                .doesNotContain("# EOF");

        HttpResponse<String> open = get("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(open.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/openmetrics-text"));
        assertThat(open.body()).contains("# TYPE portwatch_listener info\n")
                .contains("portwatch_listener_info{")
                .contains("# TYPE portwatch_scan_errors counter\n")
                .endsWith("# EOF\n");
    }

    @Test
    void aFailingScanCountsAnErrorAndKeepsTheLastGoodMetrics() throws Exception {
        scanner.failEvery(2, "netlink said no");
        start(Duration.ofMillis(500));
        await(() -> scanner.scans() >= 3);

        String body = get(null).body();
        assertThat(body).containsPattern("portwatch_scan_errors_total [1-9]")
                .contains("port=\"62893\",process=\"java\"");
    }

    @Test
    void aFloodOfRequestsNeitherStopsScanningNorGrowsThreads() throws Exception {
        start(Duration.ofMillis(500));
        get(null);
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        int scansBefore = scanner.scans();

        // 10 idle connections that never send a request (more than the handler threads: were each to pin one, no
        // scrape would be answered) and 1,000 scrapes from 32 clients at once.
        List<Socket> idle = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(32);
        int peakHttpThreads = 0;
        try {
            for (int i = 0; i < 10; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
                socket.setSoLinger(true, 0); // reset on close: no TIME_WAIT left for other tests to see
                idle.add(socket);
            }
            List<Future<String>> scrapes = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                scrapes.add(clients.submit(() -> ServeChild.scrape(server.port())));
            }
            for (int i = 0; i < scrapes.size(); i++) {
                assertThat(scrapes.get(i).get(60, TimeUnit.SECONDS)).startsWith("HTTP/1.1 200");
                if (i % 50 == 0) {
                    // Sampled: listing every thread stops the JVM at a safepoint, too dear to do per request.
                    peakHttpThreads = Math.max(peakHttpThreads, httpThreads());
                }
            }
        } finally {
            clients.shutdownNow();
            for (Socket socket : idle) {
                socket.close();
            }
        }

        assertThat(peakHttpThreads).as("handler threads").isLessThanOrEqualTo(MetricsServer.THREADS);
        assertThat(scanner.scans()).as("scans went on during the flood").isGreaterThan(scansBefore);
        int scansAfter = scanner.scans();
        await(() -> scanner.scans() > scansAfter);
        assertThat(get(null).body()).contains("port=\"62893\"");
        // The 32 client threads are gone; the server added at most its fixed handler threads.
        await(() -> ManagementFactory.getThreadMXBean().getThreadCount()
                <= threadsBefore + MetricsServer.THREADS + 2);
    }

    @Test
    void closingTheServerAndTheAgentEndsEveryThreadTheyStarted() throws Exception {
        Set<Thread> before = serveThreads();
        start(Duration.ofMillis(500));
        assertThat(get(null).statusCode()).isEqualTo(200);
        Set<Thread> started = serveThreads();
        started.removeAll(before);
        assertThat(started).extracting(Thread::getName)
                .contains("portwatch-serve-scan", "portwatch-serve-http");

        server.close();
        agent.close();
        server = null;
        agent = null;

        await(() -> started.stream().noneMatch(Thread::isAlive));
    }

    private static Set<Thread> serveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("portwatch-serve") && t.isAlive())
                .collect(Collectors.toSet());
    }


    private static int httpThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("portwatch-serve-http")).count();
    }
}
