package dev.portwatch.ui.watch;

import dev.portwatch.core.watch.EventLogCsv;
import dev.portwatch.core.watch.WatchEvent;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.WatchViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.stage.FileChooser;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The "Event log" tab: timestamped opens, closes and state changes on watched ports; clear; export as CSV. */
final class EventLogTab extends Tab {

    private static final Logger LOG = Logger.getLogger(EventLogTab.class.getName());
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final WatchViewModel watch;
    private final UiTasks io;
    private final TableView<WatchEvent> table = new TableView<>();
    private final Label note = new Label();

    EventLogTab(WatchViewModel watch, UiTasks io) {
        super("Event log");
        this.watch = watch;
        this.io = io;
        setId("eventLogTab");
        table.setId("eventLog");
        table.setItems(watch.events());
        table.setPlaceholder(new Label("Opens, closes and state changes on watched ports appear here"));
        table.getColumns().add(column("Time", 80, e -> TIME.format(e.time())));
        table.getColumns().add(column("Event", 90, e -> e.kind().name()));
        table.getColumns().add(column("Watch", 150, e -> e.rule().describe()));
        table.getColumns().add(column("Message", 700, WatchEvent::message));
        // Follow the newest event, as a log viewer does.
        watch.events().addListener((ListChangeListener<WatchEvent>) change -> {
            if (!table.getItems().isEmpty()) {
                table.scrollTo(table.getItems().size() - 1);
            }
        });

        var clear = new Button("Clear");
        clear.setId("clearEvents");
        clear.setOnAction(e -> watch.clearEvents());
        var export = new Button("Export CSV…");
        export.setId("exportEvents");
        export.setOnAction(e -> chooseAndExport());
        export.disableProperty().bind(Bindings.isEmpty(watch.events()));
        note.setId("eventLogNote");
        var bar = new HBox(8, clear, export, note);
        bar.setAlignment(Pos.CENTER_LEFT);
        var content = new BorderPane(table);
        content.setTop(bar);
        setContent(content);
    }

    private static TableColumn<WatchEvent, String> column(String title, double width,
                                                          Function<WatchEvent, String> text) {
        var column = new TableColumn<WatchEvent, String>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(f -> new ReadOnlyStringWrapper(text.apply(f.getValue())).getReadOnlyProperty());
        return column;
    }

    private void chooseAndExport() {
        var chooser = new FileChooser();
        chooser.setTitle("Export event log");
        chooser.setInitialFileName("portwatch-events.csv");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
        var file = chooser.showSaveDialog(table.getScene().getWindow());
        if (file != null) {
            export(file.toPath());
        }
    }

    /** Writes the log as it stands to {@code target} off the FX thread, then says how it went. */
    void export(Path target) {
        List<WatchEvent> events = List.copyOf(watch.events());
        io.run(() -> {
            try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
                EventLogCsv.write(events, out);
            }
            return "Exported " + events.size() + " events to " + target;
        }, note::setText, e -> {
            LOG.log(Level.WARNING, "event log export failed", e);
            note.setText("Could not export to " + target + ": " + e.getMessage());
        });
    }
}
