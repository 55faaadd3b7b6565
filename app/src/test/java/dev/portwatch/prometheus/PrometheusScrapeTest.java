package dev.portwatch.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.ServeChild;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Prometheus server scrapes a real {@code portwatch serve} every second and answers a query for a socket this
 * test opened. Prometheus runs with its own config and data in a temporary directory, on a free loopback port, and
 * is stopped by its pid. Needs the {@code prometheus} binary ({@code .ci/run} installs it).
 */
class PrometheusScrapeTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void prometheusAnswersAQueryForASocketTheTestOpened() throws Exception {
        Path directory = Files.createTempDirectory("portwatch-prometheus");
        try (var serve = ServeChild.start(List.of("-XX:+UseSerialGC", "-Xmx64m"),
                "--listen", "127.0.0.1:0", "--interval", "0.5");
                var socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int servePort = serve.awaitPort(Duration.ofSeconds(60));
            int prometheusPort = Children.freeLoopbackPort();
            Path config = directory.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                    scrape_configs:
                      - job_name: portwatch
                        static_configs:
                          - targets: ['127.0.0.1:%d']
                    """.formatted(servePort));
            Process prometheus = startPrometheus(config, directory.resolve("data"), prometheusPort);
            try {
                String query = "portwatch_listener_info{port=\"" + socket.getLocalPort() + "\"}";
                JsonNode result = awaitResult(prometheusPort, query, prometheus);

                assertThat(result).hasSize(1);
                JsonNode metric = result.get(0).get("metric");
                assertThat(metric.get("job").asText()).isEqualTo("portwatch");
                assertThat(metric.get("instance").asText()).isEqualTo("127.0.0.1:" + servePort);
                assertThat(metric.get("process").asText()).isEqualTo("java");
                assertThat(metric.get("address").asText()).isEqualTo("127.0.0.1");
                assertThat(metric.get("protocol").asText()).isEqualTo("tcp");
                assertThat(metric.get("exposure").asText()).isEqualTo("loopback");
                assertThat(metric.has("pid")).isFalse();
                assertThat(result.get(0).get("value").get(1).asText()).isEqualTo("1");
            } finally {
                prometheus.destroy();
                if (!prometheus.waitFor(20, TimeUnit.SECONDS)) {
                    prometheus.destroyForcibly();
                    prometheus.waitFor(10, TimeUnit.SECONDS);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    private static Process startPrometheus(Path config, Path data, int port) throws IOException {
        try {
            return new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + data,
                    "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                    .redirectErrorStream(true)
                    .redirectOutput(config.resolveSibling("prometheus.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError("prometheus is not installed: apt-get install prometheus (.ci/run does)", e);
        }
    }

    /** Queries until the result is not empty (Prometheus starts, then scrapes every second), at most 90 s. */
    private JsonNode awaitResult(int port, String query, Process prometheus) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        String last = "(no answer)";
        while (System.nanoTime() < deadline && prometheus.isAlive()) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                last = response.body();
                if (response.statusCode() == 200) {
                    JsonNode result = new ObjectMapper().readTree(last).path("data").path("result");
                    if (result.size() > 0) {
                        return result;
                    }
                }
            } catch (IOException e) {
                last = e.toString(); // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Prometheus never answered " + query + " (alive: " + prometheus.isAlive()
                + "); last answer: " + last);
    }
}
