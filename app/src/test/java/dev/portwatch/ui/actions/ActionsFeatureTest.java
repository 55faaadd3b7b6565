package dev.portwatch.ui.actions;

import dev.portwatch.core.actions.KillService;
import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.os.Scanners;
import dev.portwatch.os.SocketScanner;
import dev.portwatch.testing.Children;
import dev.portwatch.testing.Children.Child;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.MainViewModel;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the real window against a real child server: the kill confirmation, Cancel, and a confirmed stop. */
@ExtendWith(ApplicationExtension.class)
class ActionsFeatureTest {

    private static final SocketScanner SCANNER = Scanners.create();

    private final Children children = new Children();
    private ScheduledExecutorService scans;
    private ExecutorService actions;
    private MainViewModel model;
    private MainView view;
    private ActionsFeature feature;

    @Start
    void start(Stage stage) {
        scans = Executors.newSingleThreadScheduledExecutor();
        actions = Executors.newSingleThreadExecutor();
        model = new MainViewModel(Scanners.create(), scans, UiTasks.on(scans, Platform::runLater),
                Clock.systemUTC(), ContainerNames.none());
        view = new MainView(model);
        feature = ActionsFeature.install(view, Scanners.create(), Scanners.processes(),
                UiTasks.on(actions, Platform::runLater));
        stage.setScene(new Scene(view, 1200, 700));
        stage.show();
        model.start();
    }

    @AfterEach
    void cleanUp() throws Exception {
        model.close();
        scans.shutdownNow();
        actions.shutdownNow();
        children.close();
    }

    @Test
    void killConfirmationShowsTheCommandLineAndPortsAndCancelChangesNothing(FxRobot robot) throws Exception {
        Child child = children.startServer("--port", "0", "--marker", "unused-marker");
        ProcessInfo holder = pressDeleteOn(robot, child);

        DialogPane dialog = awaitDialog(robot, "#killDialog");
        assertThat(robot.lookup("#killCommand").queryAs(TextArea.class).getText())
                .isEqualTo(holder.commandLine())
                .contains("ChildServer");
        assertThat(robot.lookup("#killPorts").queryAs(Label.class).getText())
                .contains("127.0.0.1:" + child.port() + "/tcp");
        assertThat(robot.lookup("#killPid").queryAs(Label.class).getText()).isEqualTo(String.valueOf(child.pid()));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> !robot.lookup("#killChildren").queryAs(Label.class).getText().equals("reading…"));

        robot.clickOn((Node) dialog.lookupButton(ButtonType.CANCEL));

        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#killDialog").tryQuery().isEmpty());
        assertThat(child.process().isAlive()).isTrue();
        assertThat(KillService.holders(SCANNER.scan(), child.port())).extracting(ProcessInfo::pid)
                .contains((int) child.pid());
    }

    @Test
    void confirmingStopsTheProcessAndReportsThePortFree(FxRobot robot) throws Exception {
        Child child = children.startServer();
        pressDeleteOn(robot, child);
        DialogPane dialog = awaitDialog(robot, "#killDialog");

        robot.clickOn((Node) dialog.lookupButton(KillDialog.STOP));

        DialogPane result = awaitDialog(robot, "#actionResult");
        assertThat(result.getContentText()).isEqualTo(child.port() + " is free now.");
        assertThat(Children.reaped(child.process())).isTrue();
        assertThat(KillService.listenersOn(SCANNER.scan(), child.port())).isEmpty();
        robot.clickOn((Node) result.lookupButton(ButtonType.OK));
    }

    @Test
    void rebindDialogHighlightsTheChangedArgumentAndValidatesThePort(FxRobot robot) throws Exception {
        Child child = children.startServer("--port", "0");
        selectRowOf(child);
        WaitForAsyncUtils.asyncFx(() -> feature.rebindSelected());
        // "--port 0" names no real port: the server is bound elsewhere, so portwatch offers a free port instead.
        DialogPane notFound = awaitDialog(robot, "#notInCommand");
        assertThat(notFound.getContentText()).contains("neither the command line nor the environment");
        robot.clickOn((Node) notFound.lookupButton(ButtonType.CLOSE));
        assertThat(child.process().isAlive()).isTrue();

        Child withPort = children.startServer("--port", String.valueOf(Children.freeLoopbackPort()));
        selectRowOf(withPort);
        WaitForAsyncUtils.asyncFx(() -> feature.rebindSelected());
        DialogPane rebind = awaitDialog(robot, "#rebindDialog");
        assertThat(rebind.lookupAll(".changed-new")).hasSize(1);
        assertThat(rebind.lookupAll(".changed-old")).extracting(n -> ((Text) n).getText())
                .containsExactly(String.valueOf(withPort.port()));
        // The dialog says who the new process runs as: the holder's own user.
        String user = System.getProperty("user.name");
        assertThat(robot.lookup("#rebindRunsAs").queryAs(Label.class).getText())
                .startsWith("Runs as: " + user + " (uid ").contains("the same user as now");

        TextField portField = robot.lookup("#rebindPort").queryAs(TextField.class);
        robot.interact(() -> portField.setText("4100"));
        assertThat(((Button) rebind.lookupButton(RebindDialog.MOVE)).isDisabled()).isFalse();
        assertThat(rebind.lookupAll(".changed-new")).extracting(n -> ((Text) n).getText()).containsExactly("4100");

        // A port another process holds is refused as typed, naming the holder from the last scan.
        robot.interact(() -> portField.setText(String.valueOf(child.port())));
        assertThat(((Button) rebind.lookupButton(RebindDialog.MOVE)).isDisabled()).isTrue();
        assertThat(robot.lookup("#rebindError").queryAs(Label.class).getText())
                .isEqualTo(child.port() + " is held by java (pid " + child.pid() + ") on 127.0.0.1.");

        robot.interact(() -> portField.setText(String.valueOf(withPort.port())));
        assertThat(((Button) rebind.lookupButton(RebindDialog.MOVE)).isDisabled()).isTrue();
        assertThat(robot.lookup("#rebindError").queryAs(Label.class).getText()).contains("current port");
        robot.clickOn((Node) rebind.lookupButton(ButtonType.CANCEL));
        assertThat(withPort.process().isAlive()).isTrue();
    }

    @Test
    void onlyTheChangedNumberIsHighlighted() {
        String old = "--inspect=127.0.0.1:19230";
        int[] span = RebindDialog.changedNumber(old, "--inspect=127.0.0.1:19231");
        assertThat(old.substring(span[0], span[1])).isEqualTo("19230");
        String bare = "18080";
        span = RebindDialog.changedNumber(bare, "9000");
        assertThat(bare.substring(span[0], span[1])).isEqualTo("18080");
    }

    private ProcessInfo pressDeleteOn(FxRobot robot, Child child) throws Exception {
        ProcessInfo holder = selectRowOf(child);
        robot.interact(() -> view.table().requestFocus());
        robot.type(KeyCode.DELETE);
        return holder;
    }

    private ProcessInfo selectRowOf(Child child) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(() ->
                view.selectFirst(l -> l.port() == child.port() && l.pid().orElse(0) == child.pid())).get());
        return WaitForAsyncUtils.asyncFx(() -> view.selected().flatMap(l -> l.owner())).get().orElseThrow();
    }

    private static DialogPane awaitDialog(FxRobot robot, String id) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> robot.lookup(id).tryQuery().isPresent());
        Optional<Node> pane = robot.lookup(id).tryQuery();
        return (DialogPane) pane.orElseThrow();
    }
}
