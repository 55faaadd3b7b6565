package dev.portwatch.core.watch;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** Writes the event log as CSV (RFC 4180, header row, ISO-8601 UTC times), for spreadsheets and scripts. */
public final class EventLogCsv {

    /** The header row, in column order. */
    public static final List<String> HEADER = List.of("time", "event", "ports", "protocol", "label", "message");

    private EventLogCsv() {
    }

    /**
     * Writes the events, oldest first as given, to {@code out}; does not close it. Blocks on I/O: never call on the
     * JavaFX application thread.
     */
    public static void write(List<WatchEvent> events, Writer out) throws IOException {
        var format = CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new)).get();
        var printer = new CSVPrinter(out, format);
        for (WatchEvent event : events) {
            printer.printRecord(event.time().toString(), event.kind().name(), event.rule().ports().toString(),
                    event.rule().protocolLabel(), event.rule().label(), event.message());
        }
        printer.flush();
    }
}
