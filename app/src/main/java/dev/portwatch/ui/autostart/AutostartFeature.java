package dev.portwatch.ui.autostart;

import dev.portwatch.core.desktop.Autostart;
import dev.portwatch.core.desktop.LaunchCommand;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.tasks.UiTasks;
import javafx.scene.control.Alert;
import javafx.scene.control.CheckMenuItem;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * View ▸ Start portwatch at login (Linux and other XDG desktops): ticking it writes the autostart entry, unticking
 * removes it. The tick shows whether an entry is there, read from the disk when the window opens (the user may have
 * added or removed it by hand). File work runs on {@code io}; failures revert the tick and say why in one sentence.
 */
public final class AutostartFeature {

    private static final Logger LOG = Logger.getLogger(AutostartFeature.class.getName());

    private final Autostart autostart;
    private final UiTasks io;
    private final Consumer<String> problems;
    private final CheckMenuItem item = new CheckMenuItem("Start portwatch at login");

    AutostartFeature(MainView view, Autostart autostart, UiTasks io, Consumer<String> problems) {
        this.autostart = autostart;
        this.io = io;
        this.problems = problems;
        item.setId("startAtLogin");
        item.setDisable(true);
        item.setOnAction(e -> set(item.isSelected()));
        view.menu("View").getItems().add(item);
        io.run(autostart::isEnabled, enabled -> {
            item.setSelected(enabled);
            item.setDisable(false);
        }, e -> LOG.log(Level.WARNING, e.getMessage(), e));
    }

    /**
     * Adds the menu item where XDG autostart exists. When portwatch runs from a build directory (no jar, no app
     * image) there is no command a login could run, and the item says so, disabled.
     */
    public static Optional<AutostartFeature> install(MainView view, UiTasks io) {
        if (!Autostart.supported()) {
            return Optional.empty();
        }
        Optional<List<String>> command = LaunchCommand.current();
        if (command.isEmpty()) {
            var item = new CheckMenuItem("Start portwatch at login (needs the installed app or the jar)");
            item.setId("startAtLogin");
            item.setDisable(true);
            view.menu("View").getItems().add(item);
            return Optional.empty();
        }
        return Optional.of(new AutostartFeature(view, new Autostart(Autostart.userDirectory(), command.get()), io,
                message -> {
                    var alert = new Alert(Alert.AlertType.WARNING, message);
                    alert.setHeaderText("Start at login");
                    if (view.getScene() != null) {
                        alert.initOwner(view.getScene().getWindow());
                    }
                    alert.show();
                }));
    }

    private void set(boolean enable) {
        item.setDisable(true);
        io.run(() -> {
            if (enable) {
                autostart.enable();
            } else {
                autostart.disable();
            }
            LOG.info((enable ? "wrote " : "removed ") + autostart.file());
            return enable;
        }, done -> item.setDisable(false), e -> {
            LOG.log(Level.WARNING, e.getMessage(), e);
            item.setDisable(false);
            item.setSelected(!enable);
            problems.accept(e.getMessage());
        });
    }
}
