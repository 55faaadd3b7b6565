package dev.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portwatch.core.format.Json;
import dev.portwatch.os.Scanners;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.OsWiring;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code portwatch bench} measures with listeners held by a helper process, and leaves that process dead. */
class BenchCommandTest {

    @Test
    void jsonReportsTheHelpersListenersAndTheHelperIsGoneAfterwards() throws Exception {
        var out = new StringWriter();
        var err = new StringWriter();
        var made = new AtomicInteger();
        // The scanners it times come from the wiring, like every other command's OS services.
        var commandLine = PortwatchCommand.commandLine(OsWiring.real(() -> {
            made.incrementAndGet();
            return Scanners.create();
        }), options -> {
            throw new AssertionError("bench must not open the window");
        });
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));

        int code = commandLine.execute("bench", "--listeners", "40", "--iterations", "3", "--no-full", "--json");

        assertThat(code).as("stderr: %s", err).isZero();
        JsonNode report = Json.mapper().readTree(out.toString());
        assertThat(report.get("listeners").asInt()).isGreaterThanOrEqualTo(40);
        assertThat(report.get("listeners_opened").asInt()).isEqualTo(40);
        assertThat(report.get("steady_median_ms").asDouble()).isPositive();
        assertThat(report.get("cold_median_ms").asDouble()).isPositive();
        assertThat(report.has("ss_median_ms")).isTrue();
        assertThat(report.get("full_median_ms").isNull()).isTrue();
        assertThat(made).as("scanners made by the wiring").hasPositiveValue();
        long helper = report.get("helper_pid").asLong();
        assertThat(helper).isPositive();
        // close() waits for the exit; allow the OS a moment to reap it.
        assertThat(Children.awaitExit(helper, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void rejectsNonsenseCounts() {
        var err = new StringWriter();
        var commandLine = PortwatchCommand.commandLine(OsWiring.real(Scanners::create), options -> { });
        commandLine.setErr(new PrintWriter(err));

        assertThat(commandLine.execute("bench", "--iterations", "0")).isEqualTo(2);
        assertThat(commandLine.execute("bench", "--iterations", "2000000000")).isEqualTo(2);
        assertThat(err.toString()).contains("--iterations must be 1 to 10000, not 0")
                .contains("--iterations must be 1 to 10000, not 2000000000");
    }
}
