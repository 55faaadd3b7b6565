package dev.portwatch.ui.tray;

import dev.portwatch.core.settings.Settings;
import dev.portwatch.core.settings.SettingsStore;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.WatchRule;
import dev.portwatch.testing.LiveWindow;
import dev.portwatch.ui.settings.ViewSettings;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.WatchViewModel;
import dev.portwatch.ui.watch.WatchFeature;
import javafx.application.Platform;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Without a tray (tests run headless AWT, like a desktop with no tray host) portwatch works and offers no tray. */
@ExtendWith(ApplicationExtension.class)
class TrayFeatureFxTest {

    /** The settings' file thread, which the window's composition root would own. */
    private final ExecutorService io = Executors.newSingleThreadExecutor();
    private final ScheduledExecutorService search = Executors.newSingleThreadScheduledExecutor();

    @TempDir
    static Path config;

    private LiveWindow window;
    private ViewSettings settings;
    private WatchViewModel watch;
    private TrayFeature tray;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = LiveWindow.show(stage, view -> {
            settings = new ViewSettings(new SettingsStore(config), Settings.defaults().withWatchRules(List.of()),
                    view.model(), UiTasks.on(io, Platform::runLater));
            watch = WatchFeature.install(view, settings, List.of(), Optional.empty());
            tray = TrayFeature.install(stage, view, watch, settings, UiTasks.on(io, Platform::runLater), search);
        });
    }

    @AfterEach
    void close() throws Exception {
        LiveWindow.fx(() -> {
            tray.close();
            settings.close();
            return null;
        });
        window.close();
        io.shutdownNow();
        search.shutdownNow();
    }

    @Test
    void noTrayMeansNoTraySettingAndTheAdapterSaysEmpty() throws Exception {
        assertThat(AwtTray.open(command -> { }, search).get(30, TimeUnit.SECONDS)).isEmpty();

        assertThat(LiveWindow.fx(tray::hasTray)).isFalse();
        assertThat(LiveWindow.fx(() -> window.view().menu("View").getItems().stream()
                .noneMatch(i -> "keepInTray".equals(i.getId())))).isTrue();
    }

    @Test
    void menuCommandsPauseAndSelectTheWatchedPortsHolder() throws Exception {
        try (var server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = server.getLocalPort();
            LiveWindow.await(() -> window.view().table().getItems().stream()
                    .anyMatch(r -> r.getListener().port() == port));

            LiveWindow.fx(() -> {
                tray.run(new TrayCommand.ShowWatch(WatchRule.tcp(PortRange.of(port))));
                return null;
            });
            assertThat(LiveWindow.fx(() -> window.view().selected().orElseThrow().port())).isEqualTo(port);

            LiveWindow.fx(() -> {
                tray.run(new TrayCommand.TogglePause());
                return null;
            });
            assertThat(LiveWindow.fx(() -> window.model().pausedProperty().get())).isTrue();
            // The toolbar's button follows a pause from the tray.
            assertThat(LiveWindow.fx(() -> window.view().toolbarItems().stream()
                    .filter(n -> "pause".equals(n.getId())).map(n -> ((ToggleButton) n)
                            .isSelected()).findFirst().orElseThrow())).isTrue();
            LiveWindow.fx(() -> {
                tray.run(new TrayCommand.TogglePause());
                return null;
            });
            assertThat(LiveWindow.fx(() -> window.model().pausedProperty().get())).isFalse();
        }
    }

    /** Records what the tray would draw. */
    private static final class RecordingTray implements TrayIconView {
        final List<TrayModel> shown = new CopyOnWriteArrayList<>();
        volatile boolean closed;

        @Override
        public void show(TrayModel model) {
            shown.add(model);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void withATrayTheIconFollowsTheWatchListAndClosingCanKeepPortwatchInTheTray() throws Exception {
        var fake = new RecordingTray();
        var quits = new AtomicInteger();
        TrayFeature withTray = LiveWindow.fx(() -> {
            var feature = new TrayFeature(stage, window.view(), watch, settings, quits::incrementAndGet);
            feature.attach(fake);
            return feature;
        });
        assertThat(LiveWindow.fx(withTray::hasTray)).isTrue();
        assertThat(fake.shown).isNotEmpty();
        assertThat(fake.shown.get(fake.shown.size() - 1).level()).isEqualTo(TrayLevel.FREE);

        try (var server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = server.getLocalPort();
            LiveWindow.fx(() -> watch.add(String.valueOf(port), "", "", Set.of(Protocol.TCP)));
            LiveWindow.await(() -> !fake.shown.isEmpty()
                    && fake.shown.get(fake.shown.size() - 1).level() == TrayLevel.IN_USE);
        }

        // The setting is offered only now that there is a tray; on, a close request hides the window.
        CheckMenuItem keep = LiveWindow.fx(() -> (CheckMenuItem) window.view().menu("View").getItems().stream()
                .filter(i -> "keepInTray".equals(i.getId())).findFirst().orElseThrow());
        LiveWindow.fx(() -> {
            keep.setSelected(true);
            keep.fire();
            stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
            return null;
        });
        assertThat(LiveWindow.fx(stage::isShowing)).isFalse();
        assertThat(quits).hasValue(0);
        assertThat(settings.current().desktop().keepInTray()).isTrue();

        // Show window brings it back; with the setting off, closing quits.
        LiveWindow.fx(() -> {
            withTray.run(new TrayCommand.ShowWindow());
            keep.setSelected(false);
            keep.fire();
            stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
            return null;
        });
        assertThat(quits).hasValue(1);
        LiveWindow.fx(() -> {
            withTray.run(new TrayCommand.Quit());
            withTray.close();
            stage.show();
            return null;
        });
        assertThat(quits).hasValue(2);
        assertThat(fake.closed).isTrue();
    }
}
