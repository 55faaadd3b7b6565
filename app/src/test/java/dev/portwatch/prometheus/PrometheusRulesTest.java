package dev.portwatch.prometheus;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Prometheus files in {@code docs/prometheus/} pass Prometheus's own checks: the scrape config and the
 * alert rules are valid, and the rules' unit tests (critical exposure, a conflict, a released watched port, an agent
 * down, failing scans) pass. Needs {@code promtool} (Debian package {@code prometheus}; {@code .ci/run} installs it).
 */
class PrometheusRulesTest {

    /** The docs folder, from the module directory Maven runs the tests in. */
    static final Path DOCS = Path.of("..", "docs", "prometheus").toAbsolutePath().normalize();

    private static String promtool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(DOCS.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is not installed: apt-get install prometheus (.ci/run does)", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    @Test
    void scrapeConfigIsValid() throws Exception {
        assertThat(promtool("check", "config", "prometheus.yml")).contains("SUCCESS");
    }

    @Test
    void alertRulesAreValid() throws Exception {
        assertThat(promtool("check", "rules", "portwatch-rules.yml")).contains("SUCCESS: 5 rules found");
    }

    @Test
    void alertRulesFireWhenTheyShould() throws Exception {
        assertThat(promtool("test", "rules", "portwatch-rules.test.yml")).contains("SUCCESS");
    }
}
