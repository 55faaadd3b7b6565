package dev.portwatch.ui.watch;

import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.core.settings.Settings;
import dev.portwatch.core.settings.SettingsStore;
import dev.portwatch.core.watch.WatchRealSocketsTest;
import dev.portwatch.model.PortRange;
import dev.portwatch.model.Protocol;
import dev.portwatch.model.WatchRule;
import dev.portwatch.model.WatchState;
import dev.portwatch.model.WatchStatus;
import dev.portwatch.os.Scanners;
import dev.portwatch.testing.Children;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.settings.ViewSettings;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.ListenerRow;
import dev.portwatch.ui.vm.MainViewModel;
import dev.portwatch.ui.vm.WatchViewModel;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The watch feature in the real window, on real sockets of real child processes. */
@ExtendWith(ApplicationExtension.class)
class WatchFeatureFxTest {

    /** The settings' file thread, which the window's composition root would own. */
    private final ExecutorService io = Executors.newSingleThreadExecutor();

    private static final PseudoClass CONFLICT = PseudoClass.getPseudoClass("conflict");
    private static final PseudoClass EXPOSED = PseudoClass.getPseudoClass("exposed");

    @TempDir
    Path config;

    private final Children children = new Children();
    private ScheduledExecutorService scans;
    private MainViewModel model;
    private MainView view;
    private ViewSettings settings;
    private WatchViewModel watch;

    @Start
    void start(Stage stage) {
        scans = Executors.newSingleThreadScheduledExecutor();
        model = new MainViewModel(Scanners.create(), scans, UiTasks.on(scans, Platform::runLater),
                Clock.systemUTC(), ContainerNames.none());
        settings = new ViewSettings(new SettingsStore(config), Settings.defaults(), model,
                UiTasks.on(io, Platform::runLater));
        view = new MainView(model);
        settings.bind(view);
        watch = WatchFeature.install(view, settings, List.of(), Optional.empty());
        model.setInterval(Duration.ofMillis(500));
        stage.setScene(new Scene(view, 1200, 700));
        stage.show();
        model.start();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            model.close();
        }).get(10, TimeUnit.SECONDS);
        scans.shutdownNow();
        io.shutdownNow();
        children.close();
    }

    private void watch(int port) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            assertThat(watch.add(String.valueOf(port), "test", "", Set.of(Protocol.TCP)))
                    .isTrue();
        }).get(10, TimeUnit.SECONDS);
    }

    /** Waits until every save submitted so far has finished. */
    private void drainSaves() throws Exception {
        io.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    @Test
    void typing70000ShowsTheInlineErrorAndSavesNothing(FxRobot robot) throws Exception {
        robot.clickOn("#watchPort").write("70000");

        Label error = robot.lookup("#watchError").queryAs(Label.class);
        assertThat(error.isVisible()).isTrue();
        assertThat(error.getText()).contains("'70000' is above 65535");
        assertThat(robot.lookup("#watchAdd").queryAs(Button.class).isDisabled()).isTrue();

        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        drainSaves();
        assertThat(watch.savedRules()).containsExactly(WatchRule.tcp(PortRange.of(Settings.DEFAULT_WATCHED_PORT)));
        assertThat(config.resolve(SettingsStore.FILE_NAME)).doesNotExist();

        // The same field with a valid port is accepted and saved, so the check above is not vacuous.
        robot.doubleClickOn("#watchPort").eraseText(5).write("3007");
        assertThat(error.isVisible()).isFalse();
        robot.clickOn("#watchAdd");
        drainSaves();
        assertThat(new SettingsStore(config).load().settings().watchRules())
                .contains(WatchRule.tcp(PortRange.of(3007)));
    }

    @Test
    void conflictAndExposedRowsCarryTheirPseudoClasses(FxRobot robot) throws Exception {
        assumeTrue(WatchRealSocketsTest.ipv6LoopbackAvailable(), "::1 cannot be bound on this machine");
        var v4 = children.startServer("--bind", "127.0.0.1");
        children.startServer("--bind", "::1", "--port", String.valueOf(v4.port()));
        var wild = children.startServer("--bind", "0.0.0.0");
        watch(v4.port());
        watch(wild.port());

        showOnly(v4.port());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> rowsOn(robot, v4.port()).size() == 2
                && rowsOn(robot, v4.port()).stream().allMatch(r -> r.states().contains(CONFLICT)));
        assertThat(rowsOn(robot, v4.port())).noneMatch(r -> r.states().contains(EXPOSED));
        assertThat(rowsOn(robot, v4.port()).get(0).tooltip()).contains("CONFLICT", "may reach either");

        // Double-clicking the entry selects its holder's row and fills the form with the entry.
        robot.doubleClickOn(cellOf(robot, v4.port()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> view.selected().map(l -> l.port() == v4.port())
                .orElse(false));
        assertThat(robot.lookup("#watchPort").queryAs(TextField.class).getText())
                .isEqualTo(String.valueOf(v4.port()));

        showOnly(wild.port());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> rowsOn(robot, wild.port()).size() == 1
                && rowsOn(robot, wild.port()).get(0).states().contains(EXPOSED));
        assertThat(rowsOn(robot, wild.port()).get(0).states()).doesNotContain(CONFLICT);
    }

    @Test
    void aNotificationAppearsWhenAWatchedPortIsTaken(FxRobot robot) throws Exception {
        int port;
        try (var probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        watch(port);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.snapshotProperty().get().listeners().size() > 0
                && watch.statuses().stream().anyMatch(s -> s.rule().ports().from() == port
                && s.state() == WatchState.FREE));

        var server = children.startServer("--bind", "127.0.0.1", "--port", String.valueOf(port));

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup(".notification-bar").queryAll().stream()
                .anyMatch(bar -> text(bar).contains(port + "/tcp \"test\" taken")));
        assertThat(watch.events()).anySatisfy(e -> assertThat(e.message()).contains("java (pid " + server.pid()));

        // The log exports as CSV, written off the FX thread.
        Path csv = config.resolve("events.csv");
        var tab = (EventLogTab) robot.lookup("#bottomTabs").queryAs(TabPane.class).getTabs()
                .stream().filter(t -> "eventLogTab".equals(t.getId())).findFirst().orElseThrow();
        WaitForAsyncUtils.asyncFx(() -> tab.export(csv)).get(10, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#eventLogNote").queryAs(Label.class)
                .getText().startsWith("Exported"));
        assertThat(Files.readString(csv)).startsWith("time,event,ports,protocol,label,message")
                .contains(",TAKEN," + port + ",tcp,test,");
    }

    @SuppressWarnings("unchecked")
    private static ListCell<WatchStatus> cellOf(FxRobot robot, int port) {
        return robot.lookup("#watchList .list-cell").queryAll().stream()
                .map(node -> (ListCell<WatchStatus>) node)
                .filter(cell -> cell.getItem() != null && cell.getItem().rule().ports().from() == port)
                .findFirst().orElseThrow();
    }

    private void showOnly(int port) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> view.filterTextProperty().set(String.valueOf(port)))
                .get(10, TimeUnit.SECONDS);
    }

    /** What a table row shows, read on the FX thread, which re-lays rows out after every scan. */
    private record RowView(Set<PseudoClass> states, String tooltip) {
    }

    @SuppressWarnings("unchecked")
    private static List<RowView> rowsOn(FxRobot robot, int port) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup("#listeners .table-row-cell").queryAll().stream()
                .map(node -> (TableRow<ListenerRow>) node)
                .filter(row -> row.getItem() != null && !row.isEmpty() && row.getItem().getListener().port() == port)
                .map(row -> new RowView(Set.copyOf(row.getPseudoClassStates()),
                        row.getTooltip() == null ? "" : row.getTooltip().getText()))
                .toList()).get(10, TimeUnit.SECONDS);
    }

    private static String text(Node node) {
        StringBuilder all = new StringBuilder();
        if (node instanceof Label label) {
            all.append(label.getText()).append('\n');
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                all.append(text(child));
            }
        }
        return all.toString();
    }

}
