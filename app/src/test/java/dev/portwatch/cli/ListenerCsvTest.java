package dev.portwatch.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListenerCsvTest {

    @Test
    void everyFieldRoundTripsThroughACsvParser() throws Exception {
        var awkward = new ListenerJson("tcp", 6, "::1", 5005, "LISTEN", null, 77, "java", "dev, the \"admin\"", 1000,
                "java -Dx=\"a,b\" -cp 'x y'\r\nMain \"quoted\"", "JDWP debugger", "2026-11-22T02:00:00Z");
        var plain = new ListenerJson("udp", 4, "0.0.0.0", 53, "BOUND", null, null, null, null, null, null, "domain?",
                null);
        var out = new StringBuilder();

        ListenerCsv.write(List.of(awkward, plain), out);

        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString()))) {
            assertThat(parser.getHeaderNames()).containsExactly("protocol", "ipVersion", "address", "port", "state",
                    "remote", "pid", "process", "user", "uid", "command", "service", "started");
            records = parser.getRecords();
        }
        assertThat(records).hasSize(2);
        assertThat(records.get(0).get("command")).isEqualTo("java -Dx=\"a,b\" -cp 'x y'\r\nMain \"quoted\"");
        assertThat(records.get(0).get("user")).isEqualTo("dev, the \"admin\"");
        assertThat(records.get(0).get("address")).isEqualTo("::1");
        assertThat(records.get(0).get("port")).isEqualTo("5005");
        assertThat(records.get(0).get("uid")).isEqualTo("1000");
        assertThat(records.get(1).get("pid")).isEmpty();
        assertThat(records.get(1).get("uid")).isEmpty();
        assertThat(records.get(1).get("service")).isEqualTo("domain?");
    }
}
