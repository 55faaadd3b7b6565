package dev.portwatch.core.metrics;

import dev.portwatch.core.DaemonThreads;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Serves a registry on {@code /metrics} (Prometheus text or OpenMetrics, as the scraper's {@code Accept} header
 * asks; gzip when accepted) with the Prometheus client's HTTP server.
 *
 * <p>Bounded whatever the clients do: {@value #THREADS} handler threads and a queue of {@value #QUEUE} requests;
 * when both are full, the server's single accepting thread runs the request itself, so it stops accepting new
 * connections until one is answered and the rest wait in the kernel's backlog. Idle connections cost no thread
 * (the JDK server multiplexes them). Scraping never scans, so a flood of requests costs CPU for formatting only and
 * never delays a scan.
 */
public final class MetricsServer implements AutoCloseable {

    /** Handler threads. */
    public static final int THREADS = 2;
    /** Requests waiting for a handler thread before the accepting thread answers them itself. */
    public static final int QUEUE = 16;

    /** The JDK HTTP server's switch for TCP_NODELAY, read once when its configuration class loads. */
    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final HTTPServer server;
    private final ThreadPoolExecutor executor;

    private MetricsServer(HTTPServer server, ThreadPoolExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Binds and starts the server.
     *
     * @param address  where to listen; port 0 picks a free port (see {@link #port()})
     * @param registry what {@code /metrics} serves
     * @throws IOException when the address cannot be bound (in use, not an address of this machine, no rights)
     */
    public static MetricsServer start(InetSocketAddress address, PrometheusRegistry registry) throws IOException {
        // The JDK server writes headers and body apart; with Nagle's algorithm on, the body then waits for the
        // client's delayed ACK (40 ms on Linux) and each handler thread answers at most ~25 scrapes a second.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        var executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), DaemonThreads.named("portwatch-serve-http"),
                new ThreadPoolExecutor.CallerRunsPolicy());
        try {
            HTTPServer server = HTTPServer.builder()
                    .inetAddress(address.getAddress())
                    .port(address.getPort())
                    .registry(registry)
                    .executorService(executor)
                    .buildAndStart();
            return new MetricsServer(server, executor);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
    }

    /** The port the server listens on. */
    public int port() {
        return server.getPort();
    }

    /** Stops the server and its threads. */
    @Override
    public void close() {
        server.close();
        executor.shutdownNow();
    }
}
