package dev.portwatch.core.metrics;

import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.core.watch.WatchEvaluator;
import dev.portwatch.core.watch.WatchSpecs;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.Snapshot;
import dev.portwatch.model.WatchRule;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import static dev.portwatch.testing.Sockets.connection;
import static dev.portwatch.testing.Sockets.hidden;
import static dev.portwatch.testing.Sockets.snapshot;
import static dev.portwatch.testing.Sockets.tcp;
import static dev.portwatch.testing.Sockets.udp;
import static org.assertj.core.api.Assertions.assertThat;

/** The metric families of one scan, read back in the Prometheus text format a scraper sees. */
class ScanMetricsTest {

    private static String text(Snapshot snapshot, List<WatchRule> rules) throws IOException {
        MetricSnapshots metrics = ScanMetrics.of(snapshot, WatchEvaluator.evaluate(snapshot, rules),
                ServiceIdentifier.standard());
        return PrometheusTextFormatWriter.create().toDebugString(metrics);
    }

    @Test
    void oneInfoSeriesPerListeningSocketWithoutPid() throws Exception {
        String text = text(snapshot(
                tcp("127.0.0.1", 8080, 4242, "java", "java -jar api.jar"),
                udp("::1", 5353, 77, "avahi"),
                connection("127.0.0.1", 51000, 4242)), List.of());

        assertThat(text).contains("portwatch_listener_info{address=\"127.0.0.1\",exposure=\"loopback\",port=\"8080\","
                + "process=\"java\",protocol=\"tcp\",service=\"http-alt?\",user=\"dev\"} 1\n");
        assertThat(text).contains("portwatch_listener_info{address=\"::1\",exposure=\"loopback\",port=\"5353\","
                + "process=\"avahi\",protocol=\"udp\",service=\"mdns?\",user=\"dev\"} 1\n");
        assertThat(text).doesNotContain("51000").doesNotContain("4242").doesNotContain("pid");
        assertThat(text.lines().filter(l -> l.startsWith("portwatch_listener_info{"))).hasSize(2);
    }

    @Test
    void exposureIsLoopbackNetworkOrCritical() throws Exception {
        String text = text(snapshot(
                tcp("0.0.0.0", 3000, 10, "python3", "python3 -m http.server 3000"),
                tcp("0.0.0.0", 5005, 11, "java",
                        "java -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=*:5005 -jar app.jar"),
                tcp("127.0.0.1", 5006, 12, "java",
                        "java -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:5006"
                                + " -jar a.jar")),
                List.of());

        assertThat(text).containsPattern("portwatch_listener_info\\{address=\"0.0.0.0\",exposure=\"network\","
                + "port=\"3000\"");
        assertThat(text).containsPattern("portwatch_listener_info\\{address=\"0.0.0.0\",exposure=\"critical\","
                + "port=\"5005\",process=\"java\",protocol=\"tcp\",service=\"JDWP debugger\"");
        assertThat(text).containsPattern("exposure=\"loopback\",port=\"5006\"");
        assertThat(text).contains("portwatch_listeners{exposure=\"critical\",protocol=\"tcp\"} 1.0\n")
                .contains("portwatch_listeners{exposure=\"network\",protocol=\"tcp\"} 1.0\n")
                .contains("portwatch_listeners{exposure=\"loopback\",protocol=\"tcp\"} 1.0\n")
                // Every combination is present, so a sum over hosts never loses a series.
                .contains("portwatch_listeners{exposure=\"critical\",protocol=\"udp\"} 0.0\n");
    }

    @Test
    void socketsEqualInEveryLabelAreOneSeriesButCountedApart() throws Exception {
        // SO_REUSEPORT: two sockets of two nginx workers on the same address and port.
        String text = text(snapshot(tcp("0.0.0.0", 8081, 1, "nginx", "nginx: worker"),
                tcp("0.0.0.0", 8081, 2, "nginx", "nginx: worker")), List.of());

        assertThat(text.lines().filter(l -> l.startsWith("portwatch_listener_info{"))).hasSize(1);
        assertThat(text).contains("portwatch_listeners{exposure=\"network\",protocol=\"tcp\"} 2.0\n");
    }

    @Test
    void hiddenOwnersHaveEmptyLabelsAndAreCounted() throws Exception {
        String text = text(snapshot(hidden("0.0.0.0", 2024), hidden("::", 2025),
                tcp("127.0.0.1", 1, 5, "x", "x")), List.of());

        assertThat(text).contains("portwatch_listener_info{address=\"0.0.0.0\",exposure=\"network\",port=\"2024\","
                + "process=\"\",protocol=\"tcp\",service=\"\",user=\"\"} 1\n");
        assertThat(text).contains("portwatch_owners_hidden 2.0\n");
    }

    @Test
    void watchStateIsOneForTheCurrentStateAndZeroForTheOthers() throws Exception {
        String text = text(snapshot(tcp("127.0.0.1", 62893, 100, "java", "java -jar api.jar"),
                tcp("::1", 62893, 200, "node", "node server.js"),
                tcp("127.0.0.1", 3000, 300, "node", "node server.js")),
                WatchSpecs.parseAll(List.of("62893", "3000", "4000")));

        assertThat(text).contains("portwatch_watch_state{state=\"conflict\",watch=\"62893/tcp\"} 1.0\n")
                .contains("portwatch_watch_state{state=\"free\",watch=\"62893/tcp\"} 0.0\n")
                .contains("portwatch_watch_state{state=\"in_use\",watch=\"62893/tcp\"} 0.0\n")
                .contains("portwatch_watch_state{state=\"in_use\",watch=\"3000/tcp\"} 1.0\n")
                .contains("portwatch_watch_state{state=\"free\",watch=\"4000/tcp\"} 1.0\n");
        assertThat(text.lines().filter(l -> l.startsWith("portwatch_watch_state{"))).hasSize(9);
        assertThat(text).contains("portwatch_watch_conflict{kind=\"split_localhost\",watch=\"62893/tcp\"} 1.0\n")
                .contains("portwatch_watch_conflict{kind=\"unexpected_owner\",watch=\"62893/tcp\"} 0.0\n")
                .contains("portwatch_watch_conflict{kind=\"split_localhost\",watch=\"3000/tcp\"} 0.0\n");
    }

    @Test
    void anUnexpectedOwnerIsItsOwnKindOfConflict() throws Exception {
        WatchRule rule = new WatchRule(WatchSpecs.range("8080"), "api", "api.jar",
                Set.of(Protocol.TCP));
        String text = text(snapshot(tcp("127.0.0.1", 8080, 9, "python3", "python3 -m http.server 8080")),
                List.of(rule));

        assertThat(text).contains("portwatch_watch_conflict{kind=\"unexpected_owner\",watch=\"8080/tcp\"} 1.0\n")
                .contains("portwatch_watch_conflict{kind=\"split_localhost\",watch=\"8080/tcp\"} 0.0\n");
    }
}
