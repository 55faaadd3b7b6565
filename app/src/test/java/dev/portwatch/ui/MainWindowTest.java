package dev.portwatch.ui;

import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.os.Scanners;
import dev.portwatch.testing.LiveWindow;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.ListenerRow;
import dev.portwatch.ui.vm.MainViewModel;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the real window, headless, against the real scanner and sockets opened by the test. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    /** Polling interval in the test. */
    private static final Duration POLL = Duration.ofMillis(500);
    /** Deadline for a change to show: two polls plus scan and layout time on a busy two-core machine. */
    private static final long TWO_POLLS_SECONDS = 10;

    private ScheduledExecutorService executor;
    private MainViewModel model;
    private MainView view;

    @Start
    void start(Stage stage) {
        executor = Executors.newSingleThreadScheduledExecutor();
        model = new MainViewModel(Scanners.create(), executor, UiTasks.on(executor, Platform::runLater),
                Clock.systemUTC(), ContainerNames.none());
        model.setInterval(POLL);
        view = new MainView(model);
        var scene = new Scene(view, 1200, 600);
        scene.getStylesheets().add(PortwatchApp.class.getResource("portwatch.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
        model.start();
    }

    @AfterEach
    void stop() {
        model.close();
        executor.shutdownNow();
    }

    private TableView<ListenerRow> table(FxRobot robot) {
        return robot.lookup("#listeners").queryTableView();
    }

    /**
     * Waits for the first (cold) scan: it reads every process once and can take seconds on a busy machine, while
     * the later scans the tests time are incremental.
     */
    private void awaitFirstScan() throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> LiveWindow.fx(() -> !model.snapshotProperty().get().takenAt().equals(Instant.EPOCH)));
    }

    /** Reads the table on the FX thread: the scan results change its items there. */
    private boolean showsPort(FxRobot robot, int port) throws Exception {
        TableView<ListenerRow> table = table(robot);
        return LiveWindow.fx(() -> table.getItems().stream().anyMatch(r -> r.getListener().port() == port));
    }

    @Test
    void aSocketOpenedDuringTheTestAppearsAndLeavesAfterClose(FxRobot robot) throws Exception {
        awaitFirstScan();
        int port;
        try (var server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            port = server.getLocalPort();
            WaitForAsyncUtils.waitFor(TWO_POLLS_SECONDS, TimeUnit.SECONDS, () -> showsOwnSocket(robot, port));
        }
        // Closed rows fade for the highlight time, then go.
        WaitForAsyncUtils.waitFor(TWO_POLLS_SECONDS + ListenerRow.HIGHLIGHT.toSeconds() + 1, TimeUnit.SECONDS,
                () -> !showsOwnSocket(robot, port));
    }

    /**
     * Whether the table shows this JVM's socket on {@code port}: other suites on this machine may hold the same
     * port number on another address or protocol at the same time.
     */
    private boolean showsOwnSocket(FxRobot robot, int port) throws Exception {
        int self = (int) ProcessHandle.current().pid();
        TableView<ListenerRow> table = table(robot);
        return LiveWindow.fx(() -> table.getItems().stream()
                .anyMatch(r -> r.getListener().port() == port && r.getListener().pid().orElse(0) == self));
    }

    @Test
    void theFilterNarrowsTheRows(FxRobot robot) throws Exception {
        awaitFirstScan();
        try (var first = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                var second = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            WaitForAsyncUtils.waitFor(TWO_POLLS_SECONDS, TimeUnit.SECONDS,
                    () -> showsPort(robot, first.getLocalPort()) && showsPort(robot, second.getLocalPort()));

            robot.clickOn("#filter").write(String.valueOf(first.getLocalPort()));
            WaitForAsyncUtils.waitForFxEvents();

            assertThat(LiveWindow.fx(() -> List.copyOf(table(robot).getItems()))).isNotEmpty()
                    .allMatch(r -> String.valueOf(r.getListener().port()).startsWith(
                            String.valueOf(first.getLocalPort()))
                            || r.getListener().owner().map(o -> o.commandLine().contains(
                                    String.valueOf(first.getLocalPort()))).orElse(false));
            assertThat(showsPort(robot, second.getLocalPort())).isFalse();
            var counts = robot.lookup("#counts").queryLabeled();
            assertThat(LiveWindow.fx(() -> counts.getText().startsWith(table(robot).getItems().size() + " shown of ")))
                    .isTrue();
        }
    }

    @Test
    void aSelectedRowStaysSelectedAcrossRefreshes(FxRobot robot) throws Exception {
        awaitFirstScan();
        try (var server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = server.getLocalPort();
            WaitForAsyncUtils.waitFor(TWO_POLLS_SECONDS, TimeUnit.SECONDS, () -> showsPort(robot, port));
            robot.interact(() -> view.selectFirst(l -> l.port() == port));
            ListenerRow selected = table(robot).getSelectionModel().getSelectedItem();
            assertThat(selected.getListener().port()).isEqualTo(port);

            // Let several scans land, with sockets opening and closing around the selected row.
            Instant before = model.snapshotProperty().get().takenAt();
            for (int i = 0; i < 3; i++) {
                try (var noise = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
                    int noisePort = noise.getLocalPort();
                    WaitForAsyncUtils.waitFor(TWO_POLLS_SECONDS, TimeUnit.SECONDS, () -> showsPort(robot, noisePort));
                }
            }
            assertThat(model.snapshotProperty().get().takenAt()).isAfter(before);

            assertThat(LiveWindow.fx(() -> table(robot).getSelectionModel().getSelectedItem())).isSameAs(selected);
            assertThat(LiveWindow.fx(() -> List.copyOf(table(robot).getSelectionModel().getSelectedItems())))
                    .containsExactly(selected);
        }
    }

    @Test
    void aFilterThatMatchesNothingSaysSoInsteadOfWaiting(FxRobot robot) throws Exception {
        awaitFirstScan();
        robot.interact(() -> view.filterTextProperty().set("zzzz-no-such-socket"));

        WaitForAsyncUtils.waitFor(TWO_POLLS_SECONDS, TimeUnit.SECONDS, () -> LiveWindow.fx(() -> table(robot)
                .getItems().isEmpty()));
        var placeholder = robot.lookup("#placeholder").queryLabeled();
        assertThat(LiveWindow.fx(placeholder::getText)).isEqualTo("No socket matches 'zzzz-no-such-socket'");
        assertThat(LiveWindow.fx(placeholder::isVisible)).isTrue();
    }
}
