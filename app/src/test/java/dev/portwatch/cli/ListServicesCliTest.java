package dev.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portwatch.os.Scanners;
import dev.portwatch.testing.Children;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** {@code portwatch list} against real child processes: the service field and CSV output. */
class ListServicesCliTest {

    private final Children children = new Children();

    @AfterEach
    void stopChildren() {
        children.close();
    }

    @Test
    void aChildJvmWithAJdwpAgentIsListedWithTheJdwpService() throws Exception {
        int debugPort = freeLoopbackPort();
        List<String> command = new ArrayList<>(Children.serverCommand());
        command.add(1, "-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + debugPort);
        Process jvm = startAndAwaitListening(command);

        JsonNode sockets = Json.mapper().readTree(run("list", "--json"));

        JsonNode debugger = find(sockets, debugPort, jvm.pid());
        assertThat(debugger.get("service").asText()).isEqualTo("JDWP debugger");
        assertThat(debugger.get("address").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void csvKeepsCommandLinesWithCommasQuotesAndNewlines() throws Exception {
        String awkward = "a,b \"quoted\", c\nsecond line";
        Children.Child server = children.startServer("--note", awkward);

        String csv = run("list", "--csv");

        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build()
                .parse(new StringReader(csv))) {
            assertThat(parser.getHeaderNames()).isEqualTo(ListenerCsv.header());
            records = parser.getRecords();
        }
        CSVRecord row = records.stream()
                .filter(r -> r.get("port").equals(String.valueOf(server.port()))
                        && r.get("pid").equals(String.valueOf(server.pid())))
                .findFirst().orElseThrow(() -> new AssertionError("child's socket not in CSV:\n" + csv));
        // OSHI hands back a newline inside an argument as a space; everything after it must survive all the same.
        assertThat(row.get("command")).matches("(?s).*--note a,b \"quoted\", c\\ssecond line");
        assertThat(row.get("protocol")).isEqualTo("tcp");
        assertThat(row.size()).isEqualTo(ListenerCsv.header().size());
    }

    @Test
    void csvAndJsonTogetherAreRefusedWithASentence() {
        var err = new StringWriter();
        CommandLine commandLine = PortwatchCommand.commandLine(Scanners::create, options -> fail("no window"));
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(new StringWriter()));

        int code = commandLine.execute("list", "--csv", "--json");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--json and --csv exclude each other");
    }

    private static String run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        CommandLine commandLine = PortwatchCommand.commandLine(Scanners::create, options -> fail("no window"));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute(args);
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        return out.toString();
    }

    private static JsonNode find(JsonNode sockets, int port, long pid) {
        for (JsonNode socket : sockets) {
            if (socket.get("port").asInt() == port && socket.get("pid").asLong() == pid) {
                return socket;
            }
        }
        throw new AssertionError("no socket on port " + port + " of pid " + pid + " in " + sockets);
    }

    /** A loopback port nobody holds right now; the child binds it a moment later. */
    private static int freeLoopbackPort() throws IOException {
        try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Starts a child that prints {@code LISTENING <port>} once serving, and waits for that line. */
    private Process startAndAwaitListening(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        children.adopt(process);
        var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> listening = CompletableFuture.runAsync(() -> {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("LISTENING ")) {
                        return;
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalStateException("child exited before listening");
        });
        listening.get(30, TimeUnit.SECONDS);
        // Keep draining so the child never blocks on a full pipe.
        CompletableFuture.runAsync(() -> reader.lines().forEach(line -> { }));
        return process;
    }
}
