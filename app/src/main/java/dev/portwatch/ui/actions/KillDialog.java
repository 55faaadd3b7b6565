package dev.portwatch.ui.actions;

import dev.portwatch.core.actions.KillOptions;
import dev.portwatch.core.actions.KillOutcome;
import dev.portwatch.core.format.SocketFields;
import dev.portwatch.model.Listener;
import dev.portwatch.model.ProcessInfo;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Asks before stopping a process: shows who it is (name, pid, user, start time, full command line), the ports it
 * holds and its children, with "include child processes" and "force now". Its result is the options to stop with;
 * empty when cancelled.
 */
final class KillDialog extends Dialog<KillOptions> {

    /** The button that confirms. */
    static final ButtonType STOP = new ButtonType("Stop process", ButtonBar.ButtonData.OK_DONE);

    private final Label children = new Label("reading…");
    private final Label sharers = new Label("reading…");

    KillDialog(ProcessInfo process, List<Listener> sockets) {
        setTitle("Stop " + KillOutcome.describe(process));
        setHeaderText("Stop " + KillOutcome.describe(process) + "?\nIt is asked to stop gracefully first (SIGTERM), "
                + "then you can force it after " + KillOptions.DEFAULT_TIMEOUT.toSeconds() + " s.");
        getDialogPane().setId("killDialog");
        getDialogPane().getStylesheets().add(ActionsFeature.stylesheet());

        var command = new TextArea(process.commandLine().isEmpty() ? "(unknown)" : process.commandLine());
        command.setId("killCommand");
        command.setEditable(false);
        command.setWrapText(true);
        command.setPrefRowCount(3);
        command.setPrefColumnCount(60);

        var ports = new Label(sockets.isEmpty() ? "none" : sockets.stream()
                .map(l -> l.local() + "/" + l.protocol().label())
                .distinct()
                .collect(Collectors.joining(", ")));
        ports.setId("killPorts");
        ports.setWrapText(true);
        children.setId("killChildren");
        children.setWrapText(true);

        var includeChildren = new CheckBox("Include child processes");
        includeChildren.setId("includeChildren");
        var forceNow = new CheckBox("Force now (SIGKILL: no clean-up)");
        forceNow.setId("forceNow");

        var grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        int row = 0;
        grid.addRow(row++, caption("Process"), value("killName", process.name().isEmpty() ? "?" : process.name()));
        grid.addRow(row++, caption("PID"), value("killPid", String.valueOf(process.pid())));
        grid.addRow(row++, caption("User"), value("killUser", process.user().isEmpty() ? "?" : process.user()));
        grid.addRow(row++, caption("Started"), value("killStarted",
                process.startTime().map(SocketFields::formatStarted).orElse("?")));
        grid.addRow(row++, caption("Command"), command);
        grid.addRow(row++, caption("Ports"), ports);
        grid.addRow(row++, caption("Children"), children);
        sharers.setId("killSharers");
        sharers.setWrapText(true);
        grid.addRow(row++, caption("Shares socket"), sharers);
        grid.add(includeChildren, 1, row++);
        grid.add(forceNow, 1, row);
        GridPane.setHgrow(command, Priority.ALWAYS);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(STOP, ButtonType.CANCEL);
        setResizable(true);

        setResultConverter(button -> button == STOP
                ? new KillOptions(includeChildren.isSelected(), forceNow.isSelected(), KillOptions.DEFAULT_TIMEOUT,
                        false)
                : null);
    }

    /** Shows the children once a background read found them. FX thread. */
    void showChildren(List<ProcessInfo> found) {
        children.setText(found.isEmpty() ? "none" : found.stream()
                .map(KillOutcome::describe)
                .collect(Collectors.joining(", ")));
    }

    /**
     * Shows the processes sharing its listening socket (after {@code fork}), which are stopped with it, once a
     * background read found them. FX thread.
     */
    void showSharers(List<ProcessInfo> found) {
        sharers.setText(found.isEmpty() ? "no other process" : found.stream()
                .map(KillOutcome::describe)
                .collect(Collectors.joining(", ")) + " (stopped too, or the port stays held)");
    }

    /** A field's name, never squeezed to "…" by the values that grow beside it (seen in a screenshot). */
    private static Label caption(String text) {
        var label = new Label(text);
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static Label value(String id, String text) {
        var label = new Label(text);
        label.setId(id);
        return label;
    }
}
