package dev.portwatch.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes sockets as CSV with the same columns, in the same order, as {@link ListenerJson}'s fields. Commons CSV
 * quotes values with commas, quotes and line breaks, so any command line survives; unknown values are empty cells.
 */
public final class ListenerCsv {

    private static final RecordComponent[] COLUMNS = ListenerJson.class.getRecordComponents();

    private ListenerCsv() {
    }

    /** The header row: the JSON field names. */
    public static List<String> header() {
        return Arrays.stream(COLUMNS).map(RecordComponent::getName).toList();
    }

    /**
     * Writes a header and one record per socket to {@code out}; does not close it.
     *
     * @throws IOException when {@code out} fails
     */
    public static void write(List<ListenerJson> rows, Appendable out) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(header().toArray(String[]::new)).get();
        CSVPrinter printer = new CSVPrinter(out, format);
        for (ListenerJson row : rows) {
            printer.printRecord(values(row));
        }
        printer.flush();
    }

    private static List<Object> values(ListenerJson row) {
        List<Object> values = new ArrayList<>(COLUMNS.length);
        for (RecordComponent column : COLUMNS) {
            try {
                values.add(column.getAccessor().invoke(row));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + column.getName(), e);
            }
        }
        return values;
    }
}
