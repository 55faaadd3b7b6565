package dev.portwatch.ui.settings;

import dev.portwatch.core.settings.ColumnLayout;
import dev.portwatch.core.settings.Settings;
import dev.portwatch.core.settings.SettingsException;
import dev.portwatch.core.settings.SettingsStore;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.MainViewModel;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The window's settings while it runs: restores the filter, poll interval and columns, saves changes on a
 * background thread (the FX thread never waits for the disk), and saves the view's state when the window closes.
 * FX thread only. The background thread belongs to the composition root, which lets the last save finish when
 * the window closes.
 */
public final class ViewSettings implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ViewSettings.class.getName());

    private final SettingsStore store;
    private final UiTasks io;
    private Settings current;
    private MainView view;
    private Consumer<String> onSaveFailed = message -> { };

    /**
     * Creates the settings of one window and applies the poll interval to the model, before the view is built so
     * the view's spinner starts at the saved value.
     *
     * @param io file work off the FX thread on one thread, in order (saves, exports, the desktop's settings)
     */
    public ViewSettings(SettingsStore store, Settings initial, MainViewModel model, UiTasks io) {
        this.store = store;
        this.current = initial;
        this.io = io;
        model.setInterval(initial.pollInterval());
    }

    /** The settings as they stand. */
    public Settings current() {
        return current;
    }

    /** Runs file work off the FX thread, in order with the saves, and delivers its result on the FX thread. */
    public UiTasks io() {
        return io;
    }

    /** Receives a user-facing sentence, on the FX thread, when a save fails. */
    public void setOnSaveFailed(Consumer<String> handler) {
        this.onSaveFailed = handler;
    }

    /** Restores the filter text and the columns' order, widths and visibility into the view. */
    public void bind(MainView view) {
        this.view = view;
        view.filterTextProperty().set(current.filterText());
        applyColumns(view.table(), current.columns());
        view.table().setTableMenuButtonVisible(true);
    }

    /** Changes the settings and saves them in the background. */
    public void update(UnaryOperator<Settings> change) {
        current = change.apply(current);
        Settings toSave = current;
        io.run(() -> {
            store.save(toSave);
            return toSave;
        }, saved -> { }, this::saveFailed);
    }

    /**
     * Saves the view's state (filter, interval, size, columns) in the background; the owner of the I/O thread lets
     * that save finish before the process exits.
     */
    @Override
    public void close() {
        if (view != null) {
            Scene scene = view.getScene();
            double width = scene == null ? current.windowWidth() : scene.getWidth();
            double height = scene == null ? current.windowHeight() : scene.getHeight();
            update(s -> s.withView(view.filterTextProperty().get(), view.model().intervalProperty().get(),
                    width > 0 ? width : s.windowWidth(), height > 0 ? height : s.windowHeight(),
                    columns(view.table())));
        }
    }

    private void saveFailed(Throwable error) {
        if (error instanceof SettingsException e) {
            onSaveFailed.accept(e.getMessage());   // UiTasks logged the details at FINE
        } else {
            LOG.log(Level.WARNING, "could not save settings", error);
            onSaveFailed.accept("Could not save the settings: " + error.getMessage());
        }
    }

    static <S> List<ColumnLayout> columns(TableView<S> table) {
        List<ColumnLayout> layout = new ArrayList<>();
        for (TableColumn<S, ?> column : table.getColumns()) {
            if (column.getId() != null) {
                layout.add(new ColumnLayout(column.getId(), column.getWidth() > 0 ? column.getWidth()
                        : column.getPrefWidth(), column.isVisible()));
            }
        }
        return layout;
    }

    /** Saved columns first in their saved order; columns the file does not know keep their place after them. */
    static <S> void applyColumns(TableView<S> table, List<ColumnLayout> layout) {
        if (layout.isEmpty()) {
            return;
        }
        Map<String, TableColumn<S, ?>> byId = new LinkedHashMap<>();
        for (TableColumn<S, ?> column : table.getColumns()) {
            byId.put(column.getId(), column);
        }
        List<TableColumn<S, ?>> ordered = new ArrayList<>();
        for (ColumnLayout saved : layout) {
            TableColumn<S, ?> column = byId.remove(saved.id());
            if (column != null) {
                column.setPrefWidth(saved.width());
                column.setVisible(saved.visible());
                ordered.add(column);
            }
        }
        ordered.addAll(byId.values());
        table.getColumns().setAll(ordered);
    }
}
