package dev.portwatch.ui.settings;

import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.core.settings.ColumnLayout;
import dev.portwatch.core.settings.Settings;
import dev.portwatch.core.settings.SettingsStore;
import dev.portwatch.os.Scanners;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.MainViewModel;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Filter text, poll interval, window size and column layout survive a restart. */
@ExtendWith(ApplicationExtension.class)
class ViewSettingsFxTest {

    /** The settings' file thread, which the window's composition root would own. */
    private final ExecutorService io = Executors.newSingleThreadExecutor();

    @TempDir
    Path config;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private MainView open(Settings initial, ScheduledExecutorService scans, ViewSettings[] out) {
        var model = new MainViewModel(Scanners.create(), scans, UiTasks.on(scans, Platform::runLater),
                Clock.systemUTC(), ContainerNames.none());
        var settings = new ViewSettings(new SettingsStore(config), initial, model,
                UiTasks.on(io, Platform::runLater));
        var view = new MainView(model);
        settings.bind(view);
        stage.setScene(new Scene(view, initial.windowWidth(), initial.windowHeight()));
        stage.show();
        out[0] = settings;
        return view;
    }

    @Test
    void theViewStateIsSavedOnCloseAndRestoredOnTheNextStart() throws Exception {
        ScheduledExecutorService scans = Executors.newSingleThreadScheduledExecutor();
        try {
            ViewSettings[] first = new ViewSettings[1];
            double[] size = new double[2];
            WaitForAsyncUtils.asyncFx(() -> open(Settings.defaults(), scans, first)).get(10, TimeUnit.SECONDS);
            // A size that is not the default, so the test fails when the window size is not saved.
            WaitForAsyncUtils.asyncFx(() -> {
                stage.setWidth(Settings.defaults().windowWidth() - 137);
                stage.setHeight(Settings.defaults().windowHeight() - 91);
            }).get(10, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                    stage.getScene().getWidth() < Settings.defaults().windowWidth() - 100).get());
            WaitForAsyncUtils.asyncFx(() -> {
                MainView view = (MainView) stage.getScene().getRoot();
                size[0] = stage.getScene().getWidth();
                size[1] = stage.getScene().getHeight();
                view.filterTextProperty().set("java");
                view.model().setInterval(Duration.ofMillis(2500));
                var columns = view.table().getColumns();
                columns.get(7).setVisible(false);
                columns.add(0, columns.remove(8));
                first[0].close();
                view.model().close();
            }).get(10, TimeUnit.SECONDS);
            // The composition root lets the last save finish before the process exits; so does the test.
            io.submit(() -> { }).get(10, TimeUnit.SECONDS);

            Settings saved = new SettingsStore(config).load().settings();
            assertThat(saved.filterText()).isEqualTo("java");
            assertThat(saved.pollInterval()).isEqualTo(Duration.ofMillis(2500));
            assertThat(saved.windowWidth()).isEqualTo(size[0]).isNotEqualTo(Settings.defaults().windowWidth());
            assertThat(saved.windowHeight()).isEqualTo(size[1]).isNotEqualTo(Settings.defaults().windowHeight());
            assertThat(saved.columns()).extracting(ColumnLayout::id)
                    .containsExactly("process", "port", "proto", "address", "exposure", "state", "remote", "conns",
                            "pid", "service", "user", "started", "command");
            // State and Remote are hidden while connections are.
            assertThat(saved.columns()).filteredOn(c -> !c.visible()).extracting(ColumnLayout::id)
                    .containsExactly("state", "remote", "pid");

            ViewSettings[] second = new ViewSettings[1];
            MainView restored = WaitForAsyncUtils.asyncFx(() -> open(saved, scans, second)).get(10, TimeUnit.SECONDS);
            assertThat(restored.filterTextProperty().get()).isEqualTo("java");
            assertThat(restored.model().intervalProperty().get()).isEqualTo(Duration.ofMillis(2500));
            assertThat(restored.table().getColumns()).extracting(c -> c.getId())
                    .startsWith("process", "port");
            assertThat(restored.table().getColumns().get(8).isVisible()).isFalse();
            WaitForAsyncUtils.asyncFx(() -> {
                restored.model().close();
            }).get(10, TimeUnit.SECONDS);
        } finally {
            scans.shutdownNow();
            io.shutdownNow();
        }
    }
}
