package dev.portwatch.core.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.model.Endpoint;
import dev.portwatch.model.IpVersion;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.SocketState;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The one field list and the outputs that walk it: JSON, CSV and the text shown by the window and list. */
class SocketFieldsTest {

    private static final ServiceIdentifier SERVICES = ServiceIdentifier.standard();
    private static final Instant STARTED = Instant.parse("2026-11-22T02:00:00Z");

    private static final Listener AWKWARD = new Listener(Protocol.TCP, IpVersion.V6, new Endpoint("::1", 5005),
            Optional.empty(), SocketState.LISTEN, Optional.of(new ProcessInfo(77, "java", "dev, the \"admin\"",
            "java -Dx=\"a,b\" -cp 'x y'\r\nMain \"quoted\"", List.of("java"), Optional.of(STARTED), 1)));
    /** Another user's process seen without rights: only the socket is known. */
    private static final Listener UNKNOWN_OWNER = new Listener(Protocol.UDP, IpVersion.V4,
            new Endpoint("0.0.0.0", 53), Optional.empty(), SocketState.BOUND, Optional.empty());
    /** A pid the OS told, but nothing else about its process. */
    private static final Listener PID_ONLY = new Listener(Protocol.TCP, IpVersion.V4,
            new Endpoint("127.0.0.1", 8080), Optional.empty(), SocketState.LISTEN,
            Optional.of(ProcessInfo.pidOnly(4242)));

    @Test
    void everyFieldRoundTripsThroughACsvParser() throws Exception {
        var out = new StringBuilder();

        SocketCsv.write(List.of(AWKWARD, UNKNOWN_OWNER), SERVICES, out);

        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString()))) {
            assertThat(parser.getHeaderNames()).containsExactly("port", "protocol", "ipVersion", "address", "exposure",
                    "exposed", "state", "remote", "pid", "process", "service", "user", "started", "command");
            records = parser.getRecords();
        }
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("command")).isEqualTo("java -Dx=\"a,b\" -cp 'x y'\r\nMain \"quoted\"");
        assertThat(records.get(0).get("user")).isEqualTo("dev, the \"admin\"");
        assertThat(records.get(0).get("address")).isEqualTo("::1");
        assertThat(records.get(0).get("port")).isEqualTo("5005");
        assertThat(records.get(0).get("started")).isEqualTo("2026-11-22T02:00:00Z");
        assertThat(records.get(1).get("pid")).isEmpty();
        assertThat(records.get(1).get("service")).isEqualTo("domain?");
    }

    @Test
    void jsonHasOnePropertyPerFieldWithNullForUnknown() throws Exception {
        JsonNode array = Json.mapper().readTree(Json.write(SocketJson.of(List.of(AWKWARD, PID_ONLY), SERVICES)));

        JsonNode known = array.get(0);
        assertThat(known.get("protocol").asText()).isEqualTo("tcp");
        assertThat(known.get("ipVersion").asInt()).isEqualTo(6);
        assertThat(known.get("pid").asInt()).isEqualTo(77);
        assertThat(known.get("started").asText()).isEqualTo("2026-11-22T02:00:00Z");
        assertThat(known.get("remote").isNull()).isTrue();
        JsonNode pidOnly = array.get(1);
        assertThat(pidOnly.get("pid").asInt()).isEqualTo(4242);
        for (String unknown : List.of("process", "user", "command", "started")) {
            assertThat(pidOnly.get(unknown).isNull()).as(unknown).isTrue();
        }
        assertThat(known.size()).isEqualTo(SocketFields.ALL.size());
    }

    @Test
    void theTablesShowUnknownAsAQuestionMarkAndMissingAsEmpty() {
        assertThat(text("started", PID_ONLY)).isEqualTo("?");
        assertThat(text("process", PID_ONLY)).isEqualTo("?");
        assertThat(text("user", UNKNOWN_OWNER)).isEqualTo("?");
        assertThat(text("pid", UNKNOWN_OWNER)).isEqualTo("?");
        assertThat(text("command", PID_ONLY)).isEmpty();
        assertThat(text("proto", AWKWARD)).isEqualTo("tcp6");
        assertThat(text("started", AWKWARD)).isEqualTo(SocketFields.formatStarted(STARTED));
    }

    @Test
    void tableColumnsAreTheFieldsWithAHeaderAndIdsAreUnique() {
        assertThat(SocketFields.tableColumns()).extracting(SocketField::id).containsExactly("port", "proto",
                "address", "exposure", "state", "remote", "pid", "process", "service", "user", "started", "command");
        assertThat(SocketFields.ALL).extracting(SocketField::id).doesNotHaveDuplicates();
        assertThat(SocketFields.ALL).extracting(SocketField::jsonName).doesNotHaveDuplicates();
    }

    @Test
    void numbersSortAsNumbersWithUnknownLast() {
        var byPid = SocketFields.byId("pid").orElseThrow().order(SERVICES);
        var byPort = SocketFields.byId("port").orElseThrow().order(SERVICES);

        assertThat(List.of(UNKNOWN_OWNER, PID_ONLY, AWKWARD).stream().sorted(byPid).toList())
                .containsExactly(AWKWARD, PID_ONLY, UNKNOWN_OWNER);
        assertThat(List.of(PID_ONLY, AWKWARD, UNKNOWN_OWNER).stream().sorted(byPort).toList())
                .containsExactly(UNKNOWN_OWNER, AWKWARD, PID_ONLY);
    }

    private static String text(String id, Listener socket) {
        return SocketFields.byId(id).orElseThrow().textOf(socket, SERVICES);
    }
}
