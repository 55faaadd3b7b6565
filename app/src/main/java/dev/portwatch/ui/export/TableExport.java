package dev.portwatch.ui.export;

import dev.portwatch.core.format.Json;
import dev.portwatch.core.format.SocketCsv;
import dev.portwatch.core.format.SocketJson;
import dev.portwatch.core.service.ServiceIdentifier;
import dev.portwatch.model.Listener;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.ListenerRow;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;

import java.io.File;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * File ▸ Export: writes the table as shown (after filters, in table order) to CSV or JSON, with the same fields
 * as {@code portwatch list --csv} and {@code --json}. The file is written off the JavaFX thread; the status bar then
 * says where it went ("Exported 12 rows to /home/dev/portwatch.csv") or why it could not be written.
 */
public final class TableExport {

    /** The export formats. */
    public enum Format {
        CSV("CSV", "csv"),
        JSON("JSON", "json");

        private final String title;
        private final String extension;

        Format(String title, String extension) {
            this.title = title;
            this.extension = extension;
        }

        /** {@code "csv"} or {@code "json"}. */
        public String extension() {
            return extension;
        }
    }

    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("error");
    private static final Logger LOG = Logger.getLogger(TableExport.class.getName());

    private final MainView view;
    private final Function<Format, Optional<Path>> chooser;
    private final UiTasks tasks;
    private final Consumer<String> problems;
    private final Label outcome = new Label();

    /**
     * @param view       the window whose table is exported
     * @param chooser    asks where to write; empty when the user cancels. Called on the JavaFX thread.
     * @param tasks      writes the file off the JavaFX thread and reports the outcome on it
     * @param problems   shows a short sentence when writing failed; called on the JavaFX thread
     */
    public TableExport(MainView view, Function<Format, Optional<Path>> chooser, UiTasks tasks,
                       Consumer<String> problems) {
        this.view = Objects.requireNonNull(view, "view");
        this.chooser = Objects.requireNonNull(chooser, "chooser");
        this.tasks = Objects.requireNonNull(tasks, "tasks");
        this.problems = Objects.requireNonNull(problems, "problems");
        outcome.setId("exportStatus");
        outcome.setPadding(new Insets(0, 16, 0, 0));
        // A long path is cut in the middle, where it matters least; the tooltip has it whole.
        outcome.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
        outcome.setMaxWidth(520);
        view.addStatusItem(outcome);
        for (Format format : Format.values()) {
            var item = new MenuItem("Export table as " + format.title + "…");
            item.setId("export" + format.title);
            item.setOnAction(e -> export(format));
            view.menu("File").getItems().add(item);
        }
    }

    /**
     * Adds the export items to the File menu, asking for the file with a file chooser.
     *
     * @param tasks writes the files off the JavaFX thread (its executor owned by the caller), reports on it
     */
    public static TableExport install(MainView view, UiTasks tasks) {
        return new TableExport(view, format -> choose(view, format), tasks, message -> {
            var alert = new Alert(Alert.AlertType.ERROR, message);
            alert.setHeaderText("Export failed");
            alert.show();
        });
    }

    /** Exports the rows shown now. FX thread only. */
    public void export(Format format) {
        List<Listener> shown = view.table().getItems().stream().map(ListenerRow::getListener).toList();
        chooser.apply(format).ifPresent(path -> tasks.run(() -> {
            write(path, format, shown, view.model().services());
            return path.toAbsolutePath();
        }, saved -> report("Exported " + shown.size() + (shown.size() == 1 ? " row" : " rows") + " to " + saved,
                false), failed -> failed(path, failed)));
    }

    private void failed(Path path, Throwable failure) {
        LOG.log(Level.WARNING, "export to " + path + " failed", failure);
        String sentence = "Could not write " + path + ": " + failure.getMessage() + ". Choose another file.";
        report(sentence, true);
        problems.accept(sentence);
    }

    /** What the last export did, as the status bar shows it; empty before the first. FX thread only. */
    public String lastOutcome() {
        return outcome.getText() == null ? "" : outcome.getText();
    }

    private void report(String sentence, boolean failed) {
        outcome.setText(sentence);
        outcome.setTooltip(new Tooltip(sentence));
        outcome.pseudoClassStateChanged(FAILED, failed);
    }

    /**
     * Writes sockets to a file in a format, replacing the file.
     *
     * @param services names the service on each socket, as the table does
     * @throws IOException when the file cannot be written
     */
    public static void write(Path path, Format format, List<Listener> sockets, ServiceIdentifier services)
            throws IOException {
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            if (format == Format.CSV) {
                SocketCsv.write(sockets, services, out);
            } else {
                out.write(Json.write(SocketJson.of(sockets, services)));
                out.write(System.lineSeparator());
            }
        }
    }

    private static Optional<Path> choose(MainView view, Format format) {
        var chooser = new FileChooser();
        chooser.setTitle("Export table as " + format.title);
        chooser.setInitialFileName("portwatch." + format.extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.title, "*." + format.extension));
        var file = chooser.showSaveDialog(view.getScene() == null ? null : view.getScene().getWindow());
        return Optional.ofNullable(file).map(File::toPath);
    }
}
