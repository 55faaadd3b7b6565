package dev.portwatch.ui.actions;

import dev.portwatch.core.actions.KillOptions;
import dev.portwatch.core.actions.KillOutcome;
import dev.portwatch.core.actions.RebindOutcome;
import dev.portwatch.core.actions.RebindPlan;
import dev.portwatch.core.actions.ShellQuoting;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import dev.portwatch.model.TcpConnection;
import dev.portwatch.ui.MainView;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The window's {@link ActionPrompts}: JavaFX dialogs owned by the main window. JavaFX thread only. */
final class FxActionPrompts implements ActionPrompts {

    private final Supplier<Window> owner;

    /** @param owner the window that owns the dialogs */
    FxActionPrompts(Supplier<Window> owner) {
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    @Override
    public Optional<KillOptions> confirmKill(ProcessInfo process, List<Listener> sockets,
                                             CompletionStage<List<ProcessInfo>> children,
                                             CompletionStage<List<ProcessInfo>> sharers) {
        var dialog = new KillDialog(process, sockets);
        dialog.initOwner(owner.get());
        children.thenAccept(dialog::showChildren);
        sharers.thenAccept(dialog::showSharers);
        return dialog.showAndWait();
    }

    @Override
    public boolean confirmClose(String header, String text, List<TcpConnection> connections) {
        var close = new ButtonType(connections.size() == 1 ? "Close connection" : "Close " + connections.size()
                + " connections", ButtonBar.ButtonData.OK_DONE);
        var alert = new Alert(Alert.AlertType.CONFIRMATION, "", close, ButtonType.CANCEL);
        alert.setHeaderText(header);
        alert.initOwner(owner.get());
        alert.getDialogPane().setId("closeDialog");
        alert.getDialogPane().getStylesheets().add(ActionsFeature.stylesheet());
        var list = new TextArea(connections.stream().map(FxActionPrompts::connectionLine)
                .collect(Collectors.joining("\n")));
        list.setId("closeList");
        list.setEditable(false);
        list.setPrefRowCount(Math.min(8, Math.max(2, connections.size())));
        list.setPrefColumnCount(76);
        var sentence = new Label(text);
        sentence.setWrapText(true);
        sentence.setMaxWidth(560);
        alert.getDialogPane().setContent(new VBox(8, sentence, list));
        alert.setResizable(true);
        return alert.showAndWait().filter(close::equals).isPresent();
    }

    /** {@code 127.0.0.1:8080 <- 127.0.0.1:51234, user dev, sent 1.2 KiB, received 300 B}. */
    private static String connectionLine(TcpConnection c) {
        return c.describe() + c.socketUser().map(u -> ", user " + u.name()).orElse("")
                + (c.bytesSent().isPresent() ? ", sent " + c.bytesSent().getAsLong() + " B" : "")
                + (c.bytesReceived().isPresent() ? ", received " + c.bytesReceived().getAsLong() + " B" : "");
    }

    @Override
    public Progress progress(String title, String text) {
        var wait = new WaitDialog(title, text);
        wait.initOwner(owner.get());
        wait.show();
        return new Progress() {
            @Override
            public void fraction(double done) {
                wait.progress(done);
            }

            @Override
            public void step(String step) {
                wait.step(step);
            }

            @Override
            public void close() {
                wait.close();
            }
        };
    }

    @Override
    public boolean offerForce(ProcessInfo process, String sentence) {
        var force = new ButtonType("Force", ButtonBar.ButtonData.OK_DONE);
        var leave = new ButtonType("Leave running", ButtonBar.ButtonData.CANCEL_CLOSE);
        var alert = new Alert(Alert.AlertType.CONFIRMATION, sentence, force, leave);
        alert.setHeaderText(KillOutcome.describe(process) + " did not stop");
        alert.initOwner(owner.get());
        alert.getDialogPane().setId("forceDialog");
        return alert.showAndWait().filter(force::equals).isPresent();
    }

    @Override
    public Optional<RebindPlan> confirmRebind(RebindPlan suggested, NewPortCheck check) {
        var dialog = new RebindDialog(suggested, check);
        dialog.initOwner(owner.get());
        return dialog.showAndWait();
    }

    @Override
    public void showRebound(RebindOutcome outcome) {
        var alert = new Alert(outcome.success() ? Alert.AlertType.INFORMATION : Alert.AlertType.ERROR);
        alert.initOwner(owner.get());
        alert.getDialogPane().setId("rebindResult");
        alert.getDialogPane().getStylesheets().add(ActionsFeature.stylesheet());
        alert.setHeaderText(outcome.success() ? "Moved to " + outcome.plan().newPort() : "The move failed");
        String oldCommand = ShellQuoting.joinExact(outcome.plan().rewrite().oldArguments());
        var details = new TextArea((outcome.success() ? "" : String.join("\n", outcome.logTail()) + "\n\n")
                + "Old command (in " + outcome.plan().workingDirectory() + "):\n" + oldCommand + "\n\nLog: "
                + outcome.log());
        details.setEditable(false);
        details.setWrapText(true);
        details.setPrefRowCount(outcome.success() ? 5 : 14);
        details.setPrefColumnCount(70);
        details.getStyleClass().add("log-tail");
        var copy = new Button("Copy old command");
        copy.setOnAction(e -> copy(oldCommand));
        alert.getDialogPane().setContent(new VBox(8, new Label(outcome.sentence()), details, copy));
        alert.setResizable(true);
        alert.show();
    }

    @Override
    public boolean offerFreePort(String reason, int free) {
        var copyFree = new ButtonType("Copy a free port (" + free + ")", ButtonBar.ButtonData.OK_DONE);
        var alert = new Alert(Alert.AlertType.INFORMATION, reason
                + "\nConfigure the server with another port by hand; " + free + " is free.", copyFree,
                ButtonType.CLOSE);
        alert.setHeaderText("Can't move this process automatically");
        alert.initOwner(owner.get());
        alert.getDialogPane().setId("notInCommand");
        return alert.showAndWait().filter(copyFree::equals).isPresent();
    }

    @Override
    public Optional<String> askPortNear(int start) {
        var ask = new TextInputDialog(String.valueOf(start));
        ask.setTitle("Find a free port");
        ask.setHeaderText("Find a free TCP port near…\nFree on 127.0.0.1, ::1 and all addresses; copied to the "
                + "clipboard.");
        ask.setContentText("Start at");
        ask.initOwner(owner.get());
        ask.getDialogPane().setId("freePortDialog");
        return ask.showAndWait();
    }

    @Override
    public void inform(Severity severity, String header, String text) {
        var alert = new Alert(severity == Severity.INFO ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING,
                text);
        alert.setHeaderText(header);
        alert.initOwner(owner.get());
        alert.getDialogPane().setId("actionResult");
        alert.show();
    }

    @Override
    public boolean showFailure(String header, String message, Optional<String> elevatedCommand) {
        var alert = new Alert(Alert.AlertType.ERROR, message);
        // Long sentences and commands wrap inside the dialog instead of widening it past the screen.
        alert.getDialogPane().setPrefWidth(620);
        alert.setResizable(true);
        alert.setHeaderText(header);
        alert.initOwner(owner.get());
        alert.getDialogPane().setId("actionError");
        if (elevatedCommand.isPresent()) {
            var copyCommand = new ButtonType("Copy command", ButtonBar.ButtonData.LEFT);
            alert.getButtonTypes().add(copyCommand);
            return alert.showAndWait().filter(copyCommand::equals).isPresent();
        }
        alert.show();
        return false;
    }

    @Override
    public ElevationChoice offerElevation(String header, String message, String command) {
        var showAll = new ButtonType("Show all owners", ButtonBar.ButtonData.OK_DONE);
        var copyCommand = new ButtonType("Copy command", ButtonBar.ButtonData.LEFT);
        var alert = new Alert(Alert.AlertType.WARNING, null, showAll, copyCommand, ButtonType.CLOSE);
        alert.setHeaderText(header);
        var commandText = new TextArea(command);
        commandText.setEditable(false);
        commandText.setPrefRowCount(1);
        commandText.setPrefColumnCount(50);
        var text = new Label(message);
        text.setWrapText(true);
        alert.getDialogPane().setContent(new VBox(8, text, commandText));
        alert.initOwner(owner.get());
        alert.getDialogPane().setId("needsHelper");
        Optional<ButtonType> answer = alert.showAndWait();
        if (answer.filter(showAll::equals).isPresent()) {
            return ElevationChoice.SHOW_ALL_OWNERS;
        }
        return answer.filter(copyCommand::equals).isPresent() ? ElevationChoice.COPY_COMMAND : ElevationChoice.CLOSE;
    }

    @Override
    public Optional<String> confirmElevatedMove(ProcessInfo process, int port, int suggested, String mechanism) {
        var ask = new TextInputDialog(String.valueOf(suggested));
        ask.setTitle("Move to another port");
        String user = process.user().isEmpty() ? "its owner" : process.user();
        ask.setHeaderText("Move " + KillOutcome.describe(process) + ", " + user + "'s process, from " + port
                + "?\n" + process.commandLine() + "\nportwatch's privileged helper (" + mechanism + ") reads its exact "
                + "command line, environment and directory itself,\nreplaces the port and restarts it as " + user
                + ".");
        ask.setContentText("New port");
        ask.initOwner(owner.get());
        ask.getDialogPane().setId("elevatedMoveDialog");
        return ask.showAndWait();
    }

    @Override
    public void copy(String text) {
        MainView.copy(text);
    }
}
