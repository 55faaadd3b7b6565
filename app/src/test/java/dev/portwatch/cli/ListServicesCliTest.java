package dev.portwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portwatch.core.format.Json;
import dev.portwatch.core.format.SocketCsv;
import dev.portwatch.os.Scanners;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.OsWiring;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

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
        int debugPort = Children.freeLoopbackPort();
        Children.Child jvm = children.startServer(List.of(Children.jdwpAgent(debugPort)), Map.of(), null);

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
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv))) {
            assertThat(parser.getHeaderNames()).isEqualTo(SocketCsv.header());
            records = parser.getRecords();
        }
        CSVRecord row = records.stream()
                .filter(r -> r.get("port").equals(String.valueOf(server.port()))
                        && r.get("pid").equals(String.valueOf(server.pid())))
                .findFirst().orElseThrow(() -> new AssertionError("child's socket not in CSV:\n" + csv));
        // OSHI hands back a newline inside an argument as a space; everything after it must survive all the same.
        assertThat(row.get("command")).matches("(?s).*--note a,b \"quoted\", c\\ssecond line");
        assertThat(row.get("protocol")).isEqualTo("tcp");
        assertThat(row.size()).isEqualTo(SocketCsv.header().size());
    }

    @Test
    void csvAndJsonTogetherAreRefusedWithASentence() {
        var err = new StringWriter();
        CommandLine commandLine = PortwatchCommand.commandLine(OsWiring.real(Scanners::create),
                options -> fail("no window"));
        commandLine.setErr(new PrintWriter(err));
        commandLine.setOut(new PrintWriter(new StringWriter()));

        int code = commandLine.execute("list", "--csv", "--json");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--json and --csv exclude each other");
    }

    private static String run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        CommandLine commandLine = PortwatchCommand.commandLine(OsWiring.real(Scanners::create),
                options -> fail("no window"));
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
}
