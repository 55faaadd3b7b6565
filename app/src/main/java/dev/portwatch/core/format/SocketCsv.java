package dev.portwatch.core.format;

import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.model.Listener;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes sockets as CSV with the JSON fields of {@link SocketFields#ALL} as columns, in that order. Commons CSV
 * quotes values with commas, quotes and line breaks, so any command line survives; unknown values are empty cells.
 */
public final class SocketCsv {

    private SocketCsv() {
    }

    /** The header row: the JSON property names. */
    public static List<String> header() {
        return SocketFields.ALL.stream().map(SocketField::jsonName).toList();
    }

    /**
     * Writes a header and one record per socket to {@code out}; does not close it.
     *
     * @throws IOException when {@code out} fails
     */
    public static void write(List<Listener> sockets, ServiceIdentifier services, Appendable out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(header().toArray(String[]::new)).get();
        CSVPrinter printer = new CSVPrinter(out, format);
        for (Listener socket : sockets) {
            List<Object> values = new ArrayList<>(SocketFields.ALL.size());
            for (SocketField field : SocketFields.ALL) {
                values.add(field.jsonValueOf(socket, services));
            }
            printer.printRecord(values);
        }
        printer.flush();
    }
}
