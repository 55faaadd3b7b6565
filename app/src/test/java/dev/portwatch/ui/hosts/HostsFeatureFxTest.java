package dev.portwatch.ui.hosts;

import dev.portwatch.core.remote.SshConnector;
import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.core.settings.Settings;
import dev.portwatch.core.settings.SettingsStore;
import dev.portwatch.os.Scanners;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.SshTestHost;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.settings.ViewSettings;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.ListenerRow;
import dev.portwatch.ui.vm.MainViewModel;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Hosts ▸ Add host… in the real window, against a real sshd in a network namespace. */
@ExtendWith(ApplicationExtension.class)
class HostsFeatureFxTest {

    /** The settings' file thread, which the window's composition root would own. */
    private final ExecutorService io = Executors.newSingleThreadExecutor();

    private static SshTestHost host;

    @TempDir
    Path config;

    private final Children children = new Children();
    private ScheduledExecutorService scans;
    private ScheduledExecutorService hostExecutor;
    private ExecutorService readers;
    private MainViewModel model;
    private ViewSettings settings;
    private HostsFeature hosts;

    @BeforeAll
    static void startHost() throws Exception {
        host = SshTestHost.start();
    }

    @AfterAll
    static void stopHost() {
        if (host != null) {
            host.close();
        }
    }

    @Start
    void start(Stage stage) {
        scans = Executors.newSingleThreadScheduledExecutor();
        hostExecutor = Executors.newSingleThreadScheduledExecutor();
        readers = Executors.newCachedThreadPool();
        model = new MainViewModel(Scanners.create(), scans, UiTasks.on(scans, Platform::runLater),
                Clock.systemUTC(), ContainerNames.none());
        settings = new ViewSettings(new SettingsStore(config), Settings.defaults(), model,
                UiTasks.on(io, Platform::runLater));
        var view = new MainView(model);
        settings.bind(view);
        hosts = HostsFeature.install(view, settings, new SshConnector(Optional.of(host.clientConfig()), readers),
                hostExecutor, readers, UiTasks.on(readers, Platform::runLater));
        stage.setScene(new Scene(hosts.root(), 1200, 700));
        stage.show();
        model.start();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            hosts.close();
            model.close();
        }).get(10, TimeUnit.SECONDS);
        scans.shutdownNow();
        hostExecutor.shutdownNow();
        readers.shutdownNow();
        io.shutdownNow();
        children.close();
    }

    @Test
    void theTableNotTheFilterFieldHasFocusAtStartInsideTheHostsTabs(FxRobot robot) throws Exception {
        // A focused text field blinks its caret, an animation that keeps JavaFX pulsing while the window is idle.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#listeners").query().isFocused());
        assertThat(robot.lookup("#filter").tryQuery().map(n -> n.isFocused()).orElse(false)).isFalse();
    }

    @Test
    void addHostRefusesAnOptionThenShowsTheHostsOwnTableAndSavesIt(FxRobot robot) throws Exception {
        int port = ThreadLocalRandom.current().nextInt(20_000, 60_000);
        host.startServerInside(children, port);

        robot.clickOn("Hosts").clickOn("Add host\u2026");
        robot.clickOn("#hostDestination").write("-oProxyCommand=sh");
        assertThat(robot.lookup("#hostError").queryAs(Label.class).getText())
                .isEqualTo("The SSH destination must not start with '-' (ssh would read it as an option).");
        assertThat(robot.lookup(".dialog-pane .button").match(b -> ((Button) b).isDefaultButton())
                .queryAs(Button.class).isDisabled()).isTrue();
        robot.interact(() -> robot.lookup("#hostDestination").queryTextInputControl().setText(SshTestHost.HOST));
        robot.clickOn("OK");

        TabPane tabs = robot.lookup("#hostTabs").queryAs(TabPane.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> tabs.getTabs().size() == 2);
        assertThat(tabs.getTabs().get(1).getText()).isEqualTo(SshTestHost.HOST);
        @SuppressWarnings("unchecked")
        TableView<ListenerRow> table = (TableView<ListenerRow>) tabs.getTabs().get(1).getContent()
                .lookup("#listeners");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() -> table.getItems()
                .stream().anyMatch(r -> r.getListener().port() == port)).get());
        Label summary = (Label) tabs.getTabs().get(0).getContent().lookup("#hostsSummary");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> summary.getText().equals("Hosts: "
                + SshTestHost.HOST + " up"));
        io.submit(() -> { }).get(10, TimeUnit.SECONDS);
        assertThat(new SettingsStore(config).load().settings().hosts())
                .extracting(h -> h.destination()).isEqualTo(List.of(SshTestHost.HOST));
        assertThat(hosts.hosts()).singleElement().satisfies(h -> assertThat(h.sessionsOpened()).isEqualTo(1));
    }
}
