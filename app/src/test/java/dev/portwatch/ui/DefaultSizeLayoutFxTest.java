package dev.portwatch.ui;

import dev.portwatch.core.desktop.ColorScheme;
import dev.portwatch.core.helper.Elevation;
import dev.portwatch.core.helper.RevealingScanner;
import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.core.settings.Settings;
import dev.portwatch.core.settings.SettingsStore;
import dev.portwatch.os.Scanners;
import dev.portwatch.testing.FakeScanner;
import dev.portwatch.testing.LiveWindow;
import dev.portwatch.ui.actions.ActionsFeature;
import dev.portwatch.ui.elevate.ShowAllOwners;
import dev.portwatch.ui.settings.ViewSettings;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.theme.ThemeSwitcher;
import dev.portwatch.ui.vm.MainViewModel;
import dev.portwatch.ui.watch.WatchFeature;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At the default window size, in both themes, the toolbar fits (no overflow "»"), and the watch panel's field names
 * and the table's column headers show whole (not "P…", "Pr…").
 */
@ExtendWith(ApplicationExtension.class)
class DefaultSizeLayoutFxTest {

    @TempDir
    Path config;

    private final ScheduledExecutorService scans = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private MainViewModel model;
    private MainView view;
    private ThemeSwitcher themes;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(new FakeScanner(), scans, UiTasks.on(scans, Platform::runLater), Clock.systemUTC(),
                ContainerNames.none());
        Settings defaults = Settings.defaults();
        var settings = new ViewSettings(new SettingsStore(config), defaults, model, UiTasks.on(io, Platform::runLater));
        view = new MainView(model);
        settings.bind(view);
        // Every feature that adds to the toolbar or the side panel, as the window's composition root adds them.
        WatchFeature.install(view, settings, List.of(), Optional.empty());
        ActionsFeature.install(view, Scanners.create(), Scanners.processes(), UiTasks.direct());
        new ShowAllOwners(view, new RevealingScanner(new FakeScanner()), UiTasks.direct(),
                () -> Elevation.choose(false)).install();
        var scene = new Scene(view, defaults.windowWidth(), defaults.windowHeight());
        scene.getStylesheets().add(PortwatchApp.class.getResource("portwatch.css").toExternalForm());
        stage.setScene(scene);
        // TestFX hands every test class the same primary stage; an earlier test may have sized it, and a stage once
        // sized keeps that size over a new scene. This test is about the default size, so it sizes the stage to it.
        stage.sizeToScene();
        stage.show();
        Icons.decorate(view);
        themes = ThemeSwitcher.install();
    }

    @AfterEach
    void stop() throws Exception {
        LiveWindow.fx(() -> {
            themes.show(ColorScheme.LIGHT);
            model.close();
            return null;
        });
        scans.shutdownNow();
        io.shutdownNow();
    }

    @Test
    void everythingFitsAtTheDefaultSizeInBothThemes() throws Exception {
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            LiveWindow.fx(() -> {
                themes.show(scheme);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();

            assertThat(LiveWindow.fx(() -> view.lookup(".tool-bar-overflow-button").isVisible()))
                    .as("toolbar overflows in %s", scheme).isFalse();
            assertThat(LiveWindow.fx(() -> cut(view.lookup("#watchPanel")))).as("watch panel in %s", scheme)
                    .isEmpty();
            assertThat(LiveWindow.fx(() -> cut(view.lookup("#listeners .column-header-background"))))
                    .as("column headers in %s", scheme).isEmpty();
        }
    }

    /** The labels under {@code root} whose text is shown cut short (with an ellipsis). */
    private static List<String> cut(Node root) {
        List<String> cut = new ArrayList<>();
        for (Node node : root.lookupAll(".label")) {
            if (node instanceof Label label && label.isVisible() && !label.getText().isEmpty()
                    && label.lookup(".text") instanceof Text shown && !shown.getText().equals(label.getText())) {
                cut.add(label.getText() + " shown as " + shown.getText());
            }
        }
        return cut;
    }
}
