package dev.portwatch.ui.detail;

import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.model.Listener;
import dev.portwatch.model.SocketState;
import dev.portwatch.os.DockerContainers;
import dev.portwatch.os.Scanners;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.Children.Child;
import dev.portwatch.testing.Commands;
import dev.portwatch.testing.EchoClients;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.actions.ActionsFeature;
import dev.portwatch.ui.actions.ActionsViewModel;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.MainViewModel;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static dev.portwatch.testing.EchoClients.echo;
import static dev.portwatch.testing.LiveWindow.fx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real window with the Details tab and the actions, scanning the real OS: a child server with two real clients
 * shows Conns 2 and lists both connections; one is selected, stays selected across scans, and Close connection
 * resets that client while the server keeps listening (checked with {@code ss}) and the other client keeps talking.
 */
@ExtendWith(ApplicationExtension.class)
class ConnectionListFxTest {

    private final Children children = new Children();
    private final List<Socket> clients = new ArrayList<>();
    private ScheduledExecutorService scans;
    private ExecutorService actions;
    private ExecutorService details;
    private MainViewModel model;
    private MainView view;

    @Start
    void start(Stage stage) {
        scans = Executors.newSingleThreadScheduledExecutor();
        actions = Executors.newSingleThreadExecutor();
        details = Executors.newSingleThreadExecutor();
        model = new MainViewModel(Scanners.create(), scans, UiTasks.on(scans, Platform::runLater),
                Clock.systemUTC(), ContainerNames.none());
        view = new MainView(model);
        DetailPane pane = DetailPane.install(view, Scanners.processes(), DockerContainers.system(),
                UiTasks.on(details, Platform::runLater), url -> { }, Scanners.connections());
        ActionsViewModel flows = ActionsFeature.install(view, Scanners.create(), Scanners.processes(),
                UiTasks.on(actions, Platform::runLater), Scanners.connections(), Optional::empty).model();
        pane.setConnectionCommands(flows.connectionCommands());
        stage.setScene(new Scene(view, 1000, 700));
        stage.show();
        model.start();
    }

    @AfterEach
    void cleanUp() throws IOException {
        model.close();
        scans.shutdownNow();
        actions.shutdownNow();
        details.shutdownNow();
        for (Socket client : clients) {
            client.close();
        }
        children.close();
    }

    @Test
    void detailsListsTheListenersConnectionsAndClosesTheSelectedOne(FxRobot robot) throws Exception {
        assumeTrue(Scanners.connections().isPresent(), "needs Linux netlink sock_diag");
        Child server = children.startServer("--hold");
        Socket chosen = connect(server.port());
        Socket other = connect(server.port());
        Predicate<Listener> isServer = l -> l.port() == server.port() && l.state() == SocketState.LISTEN
                && l.pid().orElse(0) == server.pid();

        // The Conns column counts both.
        await(() -> view.table().getItems().stream().anyMatch(r -> isServer.test(r.getListener())
                && Integer.valueOf(2).equals(r.connectionsProperty().get())));
        robot.interact(() -> view.selectFirst(isServer));
        TableView<ConnectionRow> list = connectionTable(robot);
        await(() -> list.getItems().size() == 2);
        assertThat(fx(() -> robot.lookup("#connectionStatus").queryLabeled().getText()))
                .isEqualTo("2 connections accepted on 127.0.0.1:" + server.port() + ".");
        String self = String.valueOf(ProcessHandle.current().pid());
        assertThat(fx(() -> list.getItems().stream().map(r -> r.getConnection().connection().remote().toString()
                + " " + r.getConnection().peerText()).toList()))
                .containsExactlyInAnyOrder("127.0.0.1:" + chosen.getLocalPort() + " " + self + " java",
                        "127.0.0.1:" + other.getLocalPort() + " " + self + " java");

        // Select the chosen client's connection; it stays selected while scans refresh the list.
        robot.interact(() -> list.getSelectionModel().select(row(list, chosen)));
        ConnectionRow selected = fx(() -> list.getSelectionModel().getSelectedItem());
        Instant before = fx(() -> model.snapshotProperty().get().takenAt());
        long unchangedBefore = fx(() -> model.unchangedScansProperty().get());
        echo(other, "traffic");
        // Two more scans, changed or not: a scan that found the machine unchanged is only counted, not delivered.
        await(() -> model.snapshotProperty().get().takenAt().isAfter(before.plusSeconds(2))
                || model.unchangedScansProperty().get() >= unchangedBefore + 2);
        assertThat(fx(() -> List.copyOf(list.getSelectionModel().getSelectedItems()))).containsExactly(selected);
        assertThat(fx(() -> list.getItems().size())).isEqualTo(2);

        // Pressed as a keyboard user does (Monocle's headless mouse misses this button inside the scroll pane); the
        // confirmation is modal, so the press is queued rather than waited for.
        Button closeButton = robot.lookup("#closeConnection").queryAs(Button.class);
        assertThat(fx(closeButton::isDisabled)).isFalse();
        Platform.runLater(closeButton::fire);
        DialogPane confirm = awaitDialog(robot, "#closeDialog");
        assertThat(robot.lookup("#closeList").queryAs(TextArea.class).getText())
                .contains("127.0.0.1:" + server.port() + " <- 127.0.0.1:" + chosen.getLocalPort())
                .doesNotContain(":" + other.getLocalPort());
        robot.clickOn((Node) confirm.lookupButton(confirm.getButtonTypes().stream()
                .filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).findFirst().orElseThrow()));
        DialogPane result = awaitDialog(robot, "#actionResult");
        assertThat(result.getContentText()).isEqualTo("Closed 1 connection on port " + server.port()
                + "; the listener keeps listening.");
        robot.clickOn((Node) result.lookupButton(ButtonType.OK));

        // The OS afterwards: the chosen client was reset, the other still talks, the server still listens.
        assertThatThrownBy(() -> chosen.getInputStream().read()).isInstanceOf(SocketException.class)
                .hasMessageContaining("reset");
        assertThat(echo(other, "still here")).isEqualTo("echo still here");
        Commands.Result ss = Commands.run(List.of("ss", "-Hltn", "sport = :" + server.port()));
        assertThat(ss.stdout()).contains("LISTEN", "127.0.0.1", ":" + server.port());
        // The list follows: one connection left, the other client's, and it is not selected in place of the closed
        // one (a second press would close a connection nobody chose): Close connection is disabled again.
        await(() -> list.getItems().size() == 1);
        assertThat(fx(() -> list.getItems().get(0).getConnection().connection().remote().port()))
                .isEqualTo(other.getLocalPort());
        assertThat(fx(() -> List.copyOf(list.getSelectionModel().getSelectedItems()))).isEmpty();
        assertThat(fx(closeButton::isDisabled)).isTrue();
    }

    @SuppressWarnings("unchecked")
    private static TableView<ConnectionRow> connectionTable(FxRobot robot) throws Exception {
        return fx(() -> (TableView<ConnectionRow>) robot.lookup("#connectionTable").query());
    }

    private static ConnectionRow row(TableView<ConnectionRow> list, Socket client) {
        return list.getItems().stream().filter(r -> r.getConnection().connection().remote().port()
                == client.getLocalPort()).findFirst().orElseThrow();
    }

    private Socket connect(int port) throws IOException {
        return EchoClients.connect(port, clients);
    }


    private static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> fx(condition));
    }

    private static DialogPane awaitDialog(FxRobot robot, String id) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup(id).tryQuery().isPresent());
        return (DialogPane) robot.lookup(id).query();
    }
}
