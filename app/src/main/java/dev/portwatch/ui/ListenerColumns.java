package dev.portwatch.ui;

import dev.portwatch.core.exposure.Exposure;
import dev.portwatch.core.format.SocketField;
import dev.portwatch.core.format.SocketFields;
import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.model.Listener;
import dev.portwatch.ui.vm.ListenerRow;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The live table's columns. Each cell observes its row's listener property, so changed rows repaint in place. */
final class ListenerColumns {

    private ListenerColumns() {
    }

    /** A column's preferred width and the width below which it is never squeezed. */
    private record Width(double preferred, double minimum) {
    }

    /** The id of the Conns column, which no {@link SocketFields} entry backs. */
    static final String CONNS = "conns";

    /** The widths of the known columns; a new field gets {@link #DEFAULT_WIDTH}. */
    private static final Map<String, Width> WIDTHS = Map.ofEntries(
            Map.entry("port", new Width(70, 64)),
            Map.entry("proto", new Width(60, 56)),
            Map.entry("address", new Width(130, 96)),
            Map.entry("pid", new Width(70, 60)),
            Map.entry("process", new Width(120, 84)),
            Map.entry("exposure", new Width(100, 92)),
            Map.entry("state", new Width(118, 108)),
            Map.entry("remote", new Width(160, 110)),
            Map.entry(CONNS, new Width(64, 58)),
            Map.entry("service", new Width(190, 130)),
            Map.entry("user", new Width(80, 60)),
            Map.entry("started", new Width(165, 165)),
            Map.entry("command", new Width(520, 160)));
    private static final Width DEFAULT_WIDTH = new Width(100, 60);
    /** The columns whose cells carry a tooltip with the whole value: the ones often too long to read in a cell. */
    private static final Set<String> WITH_TOOLTIP = Set.of("command", "service", "remote");

    /**
     * One column per field of {@link SocketFields#tableColumns()}, in that order, with the Conns column after
     * Remote. Conns is not a socket field: it counts other rows of the scan (a listener's accepted connections), so
     * it is the row's own property rather than a function of the socket; {@code list --connections} prints the
     * connections themselves.
     */
    static List<TableColumn<ListenerRow, ?>> all(ServiceIdentifier services) {
        List<TableColumn<ListenerRow, ?>> columns = new ArrayList<>();
        for (SocketField field : SocketFields.tableColumns()) {
            columns.add(column(field, services));
            if (field.id().equals("remote")) {
                columns.add(connections());
            }
        }
        return columns;
    }

    /** Conns: how many open connections a TCP listener has accepted; blank for connections and UDP. */
    private static TableColumn<ListenerRow, Integer> connections() {
        Width width = WIDTHS.get(CONNS);
        var column = new TableColumn<ListenerRow, Integer>("Conns");
        column.setId(CONNS);
        column.setPrefWidth(width.preferred());
        column.setCellValueFactory(features -> features.getValue().connectionsProperty());
        column.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Integer count, boolean empty) {
                super.updateItem(count, empty);
                setText(empty || count == null ? null : String.valueOf(count));
            }
        });
        column.setStyle("-fx-alignment: CENTER-RIGHT;");
        column.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
        atLeast(width.minimum(), column);
        return column;
    }

    private static TableColumn<ListenerRow, Listener> column(SocketField field, ServiceIdentifier services) {
        Width width = WIDTHS.getOrDefault(field.id(), DEFAULT_WIDTH);
        Function<Listener, String> text = l -> field.textOf(l, services);
        var column = new TableColumn<ListenerRow, Listener>(field.header());
        column.setId(field.id());
        column.setPrefWidth(width.preferred());
        column.setCellValueFactory(features -> features.getValue().listenerProperty());
        Function<Listener, String> tooltip = field.id().equals("exposure")
                ? l -> Exposure.sentence(l, services.identify(l)).orElse("") : text;
        column.setCellFactory(c -> new TextCell(text, tooltip,
                WITH_TOOLTIP.contains(field.id()) || field.id().equals("exposure")));
        column.setComparator(field.order(services));
        return atLeast(width.minimum(), column);
    }

    /**
     * Keeps a column readable when the window is narrow: the constrained resize policy shrinks columns to fit, and
     * without a floor the port and start time turn into ellipses while the command column still has room.
     */
    private static <T> TableColumn<ListenerRow, T> atLeast(double minWidth, TableColumn<ListenerRow, T> column) {
        column.setMinWidth(minWidth);
        return column;
    }

    /** Renders one field of the listener; the command column adds a tooltip with the whole line. */
    private static final class TextCell extends TableCell<ListenerRow, Listener> {
        private final Function<Listener, String> text;
        private final Function<Listener, String> tooltipText;

        TextCell(Function<Listener, String> text, Function<Listener, String> tooltipText, boolean withTooltip) {
            this.text = text;
            this.tooltipText = tooltipText;
            if (withTooltip) {
                // A Tooltip is a popup window: creating one per cell made every rebuild of the visible cells (the
                // table rebuilds them whenever the row count changes) cost tens of milliseconds. Create it on the
                // first hover instead, and reuse it.
                setOnMouseEntered(e -> showTooltip());
            }
        }

        @Override
        protected void updateItem(Listener item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setText(null);
                if (getTooltip() != null) {
                    getTooltip().setText("");
                }
                return;
            }
            String value = text.apply(item);
            setText(value);
            if (getTooltip() != null) {
                getTooltip().setText(tooltipText.apply(item));
            }
        }

        private void showTooltip() {
            if (getTooltip() == null && getText() != null && !getText().isEmpty() && getItem() != null) {
                var tip = new Tooltip(tooltipText.apply(getItem()));
                tip.setWrapText(true);
                tip.setMaxWidth(700);
                setTooltip(tip);
            }
        }
    }
}
