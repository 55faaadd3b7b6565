package dev.portwatch.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.portwatch.core.desktop.ColorScheme;
import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.core.settings.Settings;
import dev.portwatch.core.settings.SettingsStore;
import dev.portwatch.core.settings.ThemeChoice;
import dev.portwatch.testing.FakeScanner;
import dev.portwatch.testing.LiveWindow;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.PortwatchApp;
import dev.portwatch.ui.settings.ViewSettings;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.MainViewModel;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** View ▸ Theme switches the whole application between Primer Light and Dark and saves the choice. */
@ExtendWith(ApplicationExtension.class)
class ThemeFeatureFxTest {

    /** The settings' file thread, which the window's composition root would own. */
    private final ExecutorService io = Executors.newSingleThreadExecutor();

    @TempDir
    Path config;

    private final ScheduledExecutorService scans = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger desktopAsked = new AtomicInteger();
    private Stage stage;
    private MainView view;
    private ViewSettings settings;
    private ThemeFeature feature;
    private boolean settingsClosed;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void tearDown() throws Exception {
        LiveWindow.fx(() -> {
            closeSettings();
            view.model().close();
            // The user agent stylesheet is global: give the other window tests back Modena.
            Application.setUserAgentStylesheet(null);
            return null;
        });
        scans.shutdownNow();
        io.shutdownNow();
    }

    private void closeSettings() {
        if (!settingsClosed) {
            settingsClosed = true;
            settings.close();
        }
    }

    private void open(ThemeChoice saved, ColorScheme desktop) throws Exception {
        LiveWindow.fx(() -> {
            var model = new MainViewModel(new FakeScanner(), scans, UiTasks.on(scans, Platform::runLater),
                    Clock.systemUTC(), ContainerNames.none());
            settings = new ViewSettings(new SettingsStore(config),
                    Settings.defaults().withDesktop(Settings.defaults().desktop().withTheme(saved)), model,
                    UiTasks.on(io, Platform::runLater));
            view = new MainView(model);
            settings.bind(view);
            var scene = new Scene(view, 900, 500);
            scene.getStylesheets().add(PortwatchApp.class.getResource("portwatch.css").toExternalForm());
            stage.setScene(scene);
            feature = ThemeFeature.install(view, settings, desktop, () -> {
                desktopAsked.incrementAndGet();
                return ColorScheme.DARK;
            });
            stage.show();
            return null;
        });
    }

    private boolean rootIsDark() throws Exception {
        return LiveWindow.fx(() -> view.getScene().getRoot().getPseudoClassStates().contains(ThemeSwitcher.DARK));
    }

    private void choose(String id) throws Exception {
        LiveWindow.fx(() -> {
            var item = (RadioMenuItem) view.menu("View").getItems().stream()
                    .flatMap(m -> ((Menu) m).getItems().stream())
                    .filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
            item.fire();
            return null;
        });
    }

    @Test
    void systemFollowsTheDesktopAtStart() throws Exception {
        open(ThemeChoice.SYSTEM, ColorScheme.DARK);

        assertThat(rootIsDark()).isTrue();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerDark().getUserAgentStylesheet());
    }

    @Test
    void choosingLightAndDarkSwitchesEveryWindowAndIsSaved() throws Exception {
        open(ThemeChoice.SYSTEM, ColorScheme.LIGHT);
        assertThat(rootIsDark()).isFalse();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerLight().getUserAgentStylesheet());

        choose("themeDark");
        assertThat(rootIsDark()).isTrue();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerDark().getUserAgentStylesheet());
        // A dialog opened afterwards is dark too.
        boolean dialogDark = LiveWindow.fx(() -> {
            var alert = new Alert(Alert.AlertType.INFORMATION, "x");
            alert.initOwner(stage);
            alert.show();
            boolean dark = alert.getDialogPane().getScene().getRoot().getPseudoClassStates()
                    .contains(ThemeSwitcher.DARK);
            alert.close();
            return dark;
        });
        assertThat(dialogDark).isTrue();

        choose("themeLight");
        assertThat(rootIsDark()).isFalse();
        LiveWindow.fx(() -> {
            closeSettings();
            return null;
        });
        assertThat(new SettingsStore(config).load().settings().desktop().theme()).isEqualTo(ThemeChoice.LIGHT);
    }

    @Test
    void choosingSystemAsksTheDesktopAgainOffTheFxThread() throws Exception {
        open(ThemeChoice.LIGHT, ColorScheme.LIGHT);
        assertThat(desktopAsked).hasValue(0);

        choose("themeSystem");

        LiveWindow.await(this::rootIsDark);
        assertThat(desktopAsked).hasValue(1);
        assertThat(feature.shown()).isEqualTo(ColorScheme.DARK);
    }

    @Test
    void aDesktopThatTurnedDarkIsFollowedWhenTheWindowIsFocusedAgainButNotAFixedChoice() throws Exception {
        open(ThemeChoice.SYSTEM, ColorScheme.LIGHT);
        assertThat(rootIsDark()).isFalse();

        // The desktop (the supplier) now says dark; the window learns it on the next focus.
        LiveWindow.fx(() -> {
            feature.askDesktop();
            return null;
        });
        LiveWindow.await(this::rootIsDark);
        assertThat(desktopAsked).hasValue(1);

        choose("themeLight");
        LiveWindow.fx(() -> {
            feature.askDesktop();
            return null;
        });
        assertThat(desktopAsked).hasValue(1);
        assertThat(rootIsDark()).isFalse();
    }
}
