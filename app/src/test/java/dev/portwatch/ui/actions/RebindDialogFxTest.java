package dev.portwatch.ui.actions;

import dev.portwatch.core.actions.PortRewriter;
import dev.portwatch.core.actions.RebindPlan;
import dev.portwatch.model.ByteString;
import dev.portwatch.model.ExactCommand;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.ProcessOwner;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Move dialog: the new port is checked as typed (held, watched), Move stays disabled with the reason, a refusal
 * of the click-time probe keeps the dialog open with the input, and the command preview is plain text.
 */
@ExtendWith(ApplicationExtension.class)
class RebindDialogFxTest {

    private static final int OLD = 18_100;
    private static final int HELD = 18_105;
    private static final int WATCHED = 18_106;
    private static final int TAKEN_SINCE_SCAN = 18_107;

    /** Knows one held and one watched port; the probe refuses one more, as a port taken since the last scan. */
    private final NewPortCheck check = new NewPortCheck() {
        @Override
        public Optional<String> problem(int port) {
            return Optional.ofNullable(Map.of(HELD, HELD + " is held by python3 (pid 4242) on 127.0.0.1.",
                    WATCHED, WATCHED + " is a watched port.").get(port));
        }

        @Override
        public void probe(int port, Consumer<Optional<String>> onFx) {
            probed.add(port);
            onFx.accept(port == TAKEN_SINCE_SCAN
                    ? Optional.of(port + " is in use: it can't be bound on 127.0.0.1.")
                    : problem(port));
        }
    };
    private final List<Integer> probed = new ArrayList<>();
    private final AtomicReference<Optional<RebindPlan>> result = new AtomicReference<>();
    private RebindDialog dialog;

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
        dialog = new RebindDialog(plan(), check);
        dialog.initOwner(stage);
        dialog.setOnHidden(e -> result.set(Optional.ofNullable(dialog.getResult())));
        dialog.show();
    }

    private static RebindPlan plan() {
        List<String> argv = List.of("python3", "-m", "http.server", String.valueOf(OLD), "--bind", "127.0.0.1");
        var process = new ProcessInfo(4200, "python3", "dev", String.join(" ", argv), argv,
                Optional.of(Instant.parse("2026-01-01T00:00:00Z")), 1);
        List<ByteString> bytes = argv.stream().map(ByteString::utf8).toList();
        var command = new ExactCommand(bytes, List.of(), "/tmp", new ProcessOwner(1000, 1000, List.of(1000)));
        return new RebindPlan(process, command, PortRewriter.rewrite(bytes, List.of(), OLD, OLD + 1), Set.of(),
                false);
    }

    @Test
    void aHeldOrWatchedPortDisablesMoveWithTheReasonAsTyped(FxRobot robot) throws Exception {
        assertThat(fx(() -> moveButton(robot).isDisabled())).isFalse();

        retype(robot, HELD);
        assertThat(fx(() -> error(robot))).isEqualTo(HELD + " is held by python3 (pid 4242) on 127.0.0.1.");
        assertThat(fx(() -> moveButton(robot).isDisabled())).isTrue();
        // The preview shows the typed port, refused or not, never another number than the field.
        TextFlow after = robot.lookup("#rebindNew").queryAs(TextFlow.class);
        assertThat(fx(() -> text(after))).isEqualTo("python3 -m http.server " + HELD + " --bind 127.0.0.1");

        retype(robot, WATCHED);
        assertThat(fx(() -> error(robot))).isEqualTo(WATCHED + " is a watched port.");
        assertThat(fx(() -> moveButton(robot).isDisabled())).isTrue();

        retype(robot, OLD + 2);
        assertThat(fx(() -> error(robot))).isEmpty();
        assertThat(fx(() -> moveButton(robot).isDisabled())).isFalse();
    }

    @Test
    void aPortRefusedWhenMoveIsClickedKeepsTheDialogOpenWithTheInputAndTheReason(FxRobot robot) throws Exception {
        retype(robot, TAKEN_SINCE_SCAN);
        assertThat(fx(() -> moveButton(robot).isDisabled())).isFalse();

        robot.clickOn(moveButton(robot));

        assertThat(probed).containsExactly(TAKEN_SINCE_SCAN);
        assertThat(fx(() -> dialog.isShowing())).isTrue();
        assertThat(fx(() -> robot.lookup("#rebindPort").queryAs(TextField.class).getText()))
                .isEqualTo(String.valueOf(TAKEN_SINCE_SCAN));
        assertThat(fx(() -> error(robot))).contains("can't be bound on 127.0.0.1");
        assertThat(fx(() -> moveButton(robot).isDisabled())).isTrue();

        // Another port passes the probe and Move closes the dialog with the plan for it.
        retype(robot, OLD + 3);
        robot.clickOn(moveButton(robot));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> result.get() != null);
        assertThat(result.get()).hasValueSatisfying(plan -> assertThat(plan.newPort()).isEqualTo(OLD + 3));
    }

    @Test
    void thePreviewIsPlainTextWithTheSpacesKeptAndOnlyTheNumberMarked(FxRobot robot) throws Exception {
        retype(robot, 18_101);
        TextFlow after = robot.lookup("#rebindNew").queryAs(TextFlow.class);
        TextFlow before = robot.lookup("#rebindOld").queryAs(TextFlow.class);

        for (TextFlow flow : List.of(before, after)) {
            List<Node> nodes = fx(() -> List.copyOf(flow.getChildren()));
            // A control inside a TextFlow is laid out as U+FFFC, which rendered as a glyph and ate the next space.
            assertThat(nodes).allMatch(Text.class::isInstance).allMatch(n -> !((Text) n).getText().isEmpty());
        }
        assertThat(fx(() -> text(after))).isEqualTo("python3 -m http.server 18101 --bind 127.0.0.1");
        assertThat(fx(() -> text(before))).isEqualTo("python3 -m http.server 18100 --bind 127.0.0.1");
        assertThat(fx(() -> after.getChildren().stream().filter(n -> n.getStyleClass().contains("changed-new"))
                .map(n -> ((Text) n).getText()).toList())).containsExactly("18101");
    }

    private static void retype(FxRobot robot, int port) {
        robot.interact(() -> robot.lookup("#rebindPort").queryAs(TextField.class).setText(String.valueOf(port)));
    }

    private static String text(TextFlow flow) {
        return flow.getChildren().stream().map(n -> ((Text) n).getText()).collect(Collectors.joining());
    }

    private static String error(FxRobot robot) {
        return robot.lookup("#rebindError").queryAs(Label.class).getText();
    }

    private Button moveButton(FxRobot robot) {
        return (Button) dialog.getDialogPane().lookupButton(RebindDialog.MOVE);
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }
}
