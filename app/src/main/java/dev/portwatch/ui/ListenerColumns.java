package dev.portwatch.ui;

import dev.portwatch.cli.ListCommand;
import dev.portwatch.core.OwnerVisibility;
import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.core.service.ServiceMatch;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.ui.vm.ListenerRow;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/** The live table's columns. Each cell observes its row's listener property, so changed rows repaint in place. */
final class ListenerColumns {

    private ListenerColumns() {
    }

    static TableColumn<ListenerRow, Listener> port() {
        return atLeast(64, column("Port", "port", 70, l -> String.valueOf(l.port()),
                Comparator.comparingInt(Listener::port)));
    }

    static TableColumn<ListenerRow, Listener> protocol() {
        return atLeast(56, text("Proto", "proto", 60, l -> l.protocol().label() + l.ipVersion().label()));
    }

    static TableColumn<ListenerRow, Listener> address() {
        return atLeast(96, text("Address", "address", 130, Listener::address));
    }

    static TableColumn<ListenerRow, Listener> pid() {
        return atLeast(60, column("PID", "pid", 70,
                l -> l.pid().isPresent() ? String.valueOf(l.pid().getAsInt()) : "?",
                Comparator.comparingInt(l -> l.pid().orElse(Integer.MAX_VALUE))));
    }

    static TableColumn<ListenerRow, Listener> process() {
        return atLeast(84, text("Process", "process", 120, l -> l.owner().map(ProcessInfo::name).orElse("?")));
    }

    static TableColumn<ListenerRow, Listener> service() {
        return atLeast(110, text("Service", "service", 150,
                l -> ServiceIdentifier.standard().identify(l).map(ServiceMatch::label).orElse("")));
    }

    static TableColumn<ListenerRow, Listener> user() {
        return atLeast(60, text("User", "user", 80, l -> l.userName().orElse("?")));
    }

    static TableColumn<ListenerRow, Listener> started() {
        return atLeast(165, text("Started", "started", 165, l -> l.owner().flatMap(ProcessInfo::startTime)
                .map(ListCommand::formatStarted).orElse("")));
    }

    static TableColumn<ListenerRow, Listener> command() {
        TableColumn<ListenerRow, Listener> column = text("Command", "command", 520, ListenerColumns::commandText);
        column.setCellFactory(c -> new TextCell(ListenerColumns::commandText, true));
        return atLeast(160, column);
    }

    /** The command line, or where the owner is hidden, whose socket it is ("hidden: owned by root"). */
    private static String commandText(Listener listener) {
        return listener.owner().map(ProcessInfo::commandLine)
                .or(() -> OwnerVisibility.inPlace(listener)).orElse("");
    }

    static List<TableColumn<ListenerRow, Listener>> all() {
        return List.of(port(), protocol(), address(), pid(), process(), service(), user(), started(), command());
    }

    /**
     * Keeps a column readable when the window is narrow: the constrained resize policy shrinks columns to fit, and
     * without a floor the port and start time turn into ellipses while the command column still has room.
     */
    private static TableColumn<ListenerRow, Listener> atLeast(double minWidth,
                                                              TableColumn<ListenerRow, Listener> column) {
        column.setMinWidth(minWidth);
        return column;
    }

    private static TableColumn<ListenerRow, Listener> text(String title, String id, double width,
                                                           Function<Listener, String> text) {
        return column(title, id, width, text, Comparator.comparing(text, String.CASE_INSENSITIVE_ORDER));
    }

    private static TableColumn<ListenerRow, Listener> column(String title, String id, double width,
                                                             Function<Listener, String> text,
                                                             Comparator<Listener> order) {
        var column = new TableColumn<ListenerRow, Listener>(title);
        column.setId(id);
        column.setPrefWidth(width);
        column.setCellValueFactory(features -> features.getValue().listenerProperty());
        column.setCellFactory(c -> new TextCell(text, false));
        column.setComparator(order);
        return column;
    }

    /** Renders one field of the listener; the command column adds a tooltip with the whole line. */
    private static final class TextCell extends TableCell<ListenerRow, Listener> {
        private final Function<Listener, String> text;

        TextCell(Function<Listener, String> text, boolean withTooltip) {
            this.text = text;
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
                getTooltip().setText(value);
            }
        }

        private void showTooltip() {
            if (getTooltip() == null && getText() != null && !getText().isEmpty()) {
                var tip = new Tooltip(getText());
                tip.setWrapText(true);
                tip.setMaxWidth(700);
                setTooltip(tip);
            }
        }
    }
}
