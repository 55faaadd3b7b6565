package dev.portwatch.ui.hosts;

import dev.portwatch.core.remote.RemoteConnection;
import dev.portwatch.model.PortRange;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.HostViewModel;
import dev.portwatch.ui.vm.RemoteActionFlow;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.KeyCode;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * Kill… and Move to another port… on a remote host's table (row menu, Actions menu, Delete key): the host's own
 * portwatch applies the guards, and its questions are asked here in dialogs ({@link RemoteActionFlow}). The SSH work
 * runs on the readers executor; dialogs open on the FX thread while that work waits for the answer.
 */
final class HostActions implements RemoteActionFlow.Dialogs {

    private final MainView view;
    private final UiTasks fx;

    private HostActions(MainView view, UiTasks fx) {
        this.view = view;
        this.fx = fx;
    }

    static void install(MainView view, HostViewModel host, RemoteConnection.Connector connector,
                        ExecutorService readers, UiTasks fx) {
        var dialogs = new HostActions(view, fx);
        var flow = new RemoteActionFlow(host.destination(), connector, dialogs, host.table()::refreshNow);
        var kill = new MenuItem("Kill on " + host.destination() + "\u2026");
        kill.setId("remoteKill");
        kill.setOnAction(e -> view.selected().filter(RemoteActionFlow::actionable)
                .ifPresent(l -> readers.execute(() -> flow.kill(l))));
        var move = new MenuItem("Move to another port on " + host.destination() + "\u2026");
        move.setId("remoteMove");
        move.setOnAction(e -> view.selected().filter(RemoteActionFlow::actionable)
                .ifPresent(l -> readers.execute(() -> flow.move(l))));
        var known = view.selectedRowProperty().isNull().or(Bindings.createBooleanBinding(
                () -> view.selected().map(l -> !RemoteActionFlow.actionable(l)).orElse(true),
                view.selectedRowProperty()));
        kill.disableProperty().bind(known);
        move.disableProperty().bind(known);
        view.addRowMenuItems(kill, move);
        var menuKill = new MenuItem(kill.getText());
        menuKill.setOnAction(kill.getOnAction());
        menuKill.disableProperty().bind(known);
        var menuMove = new MenuItem(move.getText());
        menuMove.setOnAction(move.getOnAction());
        menuMove.disableProperty().bind(known);
        view.menu("Actions").getItems().addAll(menuKill, menuMove);
        view.table().setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE && !kill.isDisable()) {
                kill.fire();
            }
        });
    }

    @Override
    public boolean confirm(String title, String transcript, String question) {
        return onFx(() -> {
            var alert = new Alert(Alert.AlertType.CONFIRMATION, "", ButtonType.YES, ButtonType.NO);
            alert.initOwner(view.getScene().getWindow());
            alert.setTitle(title);
            alert.setHeaderText(question);
            alert.getDialogPane().setContent(transcript(transcript));
            return alert.showAndWait().orElse(ButtonType.NO) == ButtonType.YES;
        });
    }

    @Override
    public Optional<Integer> choosePort(String title, int current, OptionalInt suggested) {
        return onFx(() -> {
            var dialog = new TextInputDialog(suggested.isPresent() ? String.valueOf(suggested.getAsInt()) : "");
            dialog.initOwner(view.getScene().getWindow());
            dialog.setTitle(title);
            dialog.setHeaderText("Move the server on port " + current + " to which port? (1\u201365535)");
            var ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
            ok.disableProperty().bind(Bindings.createBooleanBinding(
                    () -> port(dialog.getEditor().getText()).isEmpty(), dialog.getEditor().textProperty()));
            return dialog.showAndWait().flatMap(HostActions::port);
        });
    }

    @Override
    public void showResult(String title, boolean success, String transcript) {
        fx.onFx(() -> {
            var alert = new Alert(success ? Alert.AlertType.INFORMATION : Alert.AlertType.WARNING);
            alert.initOwner(view.getScene().getWindow());
            alert.setTitle(title);
            alert.setHeaderText(success ? "Done" : "Not done");
            alert.getDialogPane().setContent(transcript(transcript));
            alert.show();
        });
    }

    private static TextArea transcript(String text) {
        var area = new TextArea(text);
        area.setEditable(false);
        area.setWrapText(true);
        area.setPrefColumnCount(70);
        area.setPrefRowCount(Math.min(14, Math.max(3, (int) text.lines().count() + 1)));
        return area;
    }

    private static Optional<Integer> port(String text) {
        try {
            int port = Integer.parseInt(text.strip());
            return port >= 1 && port <= PortRange.MAX_PORT ? Optional.of(port) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Runs a dialog on the FX thread and waits for it on this (background) thread. */
    private <T> T onFx(Supplier<T> dialog) {
        var answer = new CompletableFuture<T>();
        fx.onFx(() -> {
            try {
                answer.complete(dialog.get());
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the dialog failed", e.getCause());
        }
    }
}
