package dev.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.portwatch.testing.Unprivileged;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the real CLI as {@code nobody}: root's listener (this test JVM's) keeps its row with user root and uid 0 from
 * the kernel's socket table, while the pid stays unknown because the OS hides root's descriptors from nobody.
 */
class UnprivilegedListTest {

    private record Run(int exitCode, String stdout, String stderr) {
    }

    @BeforeAll
    static void needsRoot() {
        assumeTrue(Unprivileged.available(), "needs root and setpriv to run the CLI as nobody");
    }

    private static Run runAsNobody(String... args) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Unprivileged.asNobody(Unprivileged.portwatch(args))).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process));
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out, err.join());
    }

    private static String read(Process process) {
        try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    @Test
    void rootsListenerShowsUserRootWithPidUnknown() throws Exception {
        try (var server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = server.getLocalPort();

            Run json = runAsNobody("list", "--json");
            assertThat(json.exitCode()).as(json.stderr()).isZero();
            JsonNode row = rowFor(new ObjectMapper().readTree(json.stdout()), port);
            assertThat(row.get("user").asText()).isEqualTo("root");
            assertThat(row.get("uid").asInt()).isZero();
            assertThat(row.get("pid").isNull()).isTrue();
            assertThat(row.get("command").isNull()).isTrue();

            Run table = runAsNobody("list");
            String line = table.stdout().lines().filter(l -> l.matches("(.*\\s)?" + port + "\\s.*")).findFirst()
                    .orElseThrow();
            assertThat(line).contains(" ? ").contains("root").contains("hidden: owned by root");
            assertThat(table.stderr()).containsPattern("owners? hidden \\(.*root.*\\)");

            Run csv = runAsNobody("list", "--csv");
            assertThat(csv.stdout().lines().findFirst().orElseThrow()).contains(",user,uid,");
        }
    }

    private static JsonNode rowFor(JsonNode rows, int port) {
        for (JsonNode row : rows) {
            if (row.get("port").asInt() == port && "tcp".equals(row.get("protocol").asText())) {
                return row;
            }
        }
        throw new AssertionError("no row for port " + port + " in " + List.of(rows.toString()));
    }
}
