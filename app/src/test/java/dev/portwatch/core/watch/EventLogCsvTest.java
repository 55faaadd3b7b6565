package dev.portwatch.core.watch;

import dev.portwatch.model.PortRange;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.WatchRule;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EventLogCsvTest {

    @Test
    void writesAHeaderAndOneQuotedRecordPerEvent() throws IOException {
        var rule = new WatchRule(new PortRange(3000, 3010), "web, \"dev\"", "", Set.of(Protocol.TCP, Protocol.UDP));
        var events = List.of(
                new WatchEvent(Instant.parse("2026-01-02T03:04:05Z"), WatchEvent.Kind.TAKEN, rule, "taken, by x"),
                new WatchEvent(Instant.parse("2026-01-02T03:04:06Z"), WatchEvent.Kind.FREED, rule, "free\nagain"));
        var out = new StringWriter();

        EventLogCsv.write(events, out);

        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString())).getRecords();
        assertThat(records).hasSize(2);
        assertThat(records.get(0).toMap()).containsEntry("time", "2026-01-02T03:04:05Z")
                .containsEntry("event", "TAKEN").containsEntry("ports", "3000-3010")
                .containsEntry("protocol", "tcp+udp").containsEntry("label", "web, \"dev\"")
                .containsEntry("message", "taken, by x");
        assertThat(records.get(1).get("message")).isEqualTo("free\nagain");
        assertThat(out.toString()).startsWith(String.join(",", EventLogCsv.HEADER));
    }
}
