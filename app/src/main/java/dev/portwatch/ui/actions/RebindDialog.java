package dev.portwatch.ui.actions;

import dev.portwatch.core.actions.KillOutcome;
import dev.portwatch.core.actions.PortRewrite;
import dev.portwatch.core.actions.RebindPlan;
import dev.portwatch.core.actions.ShellQuoting;
import dev.portwatch.model.PortRange;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Confirms a rebind: the new port (suggested, editable, validated as typed: who holds it, or that it is watched),
 * the working directory, and the old and new command line side by side with the changed arguments highlighted.
 * Move probes the port once more before closing; a port taken since the last scan keeps the dialog open with the
 * reason. Its result is the plan for the chosen port; empty when cancelled.
 */
final class RebindDialog extends Dialog<RebindPlan> {

    /** The button that confirms. */
    static final ButtonType MOVE = new ButtonType("Move", ButtonBar.ButtonData.OK_DONE);

    private final RebindPlan suggested;
    private final NewPortCheck check;
    /** Ports the click-time probe refused while this dialog was open, with why: the scan may not know yet. */
    private final Map<Integer, String> refusedOnClick = new HashMap<>();
    /** Set when the probe accepted the port, so the Move click it fires again closes the dialog. */
    private boolean probed;
    private boolean probing;
    private final TextField port = new TextField();
    private final Label error = new Label();
    private final TextFlow oldCommand = new TextFlow();
    private final TextFlow newCommand = new TextFlow();
    private final VBox variables = new VBox(2);
    private final Label unchanged = new Label();

    RebindDialog(RebindPlan suggested, NewPortCheck check) {
        this.suggested = suggested;
        this.check = check;
        String who = KillOutcome.describe(suggested.process());
        setTitle("Move " + who + " to another port");
        setHeaderText("Move " + who + " from " + suggested.oldPort() + " to another port?\nIt is stopped "
                + "gracefully, then started again with the new port, detached from portwatch.");
        getDialogPane().setId("rebindDialog");
        getDialogPane().getStylesheets().add(ActionsFeature.stylesheet());

        port.setId("rebindPort");
        port.setText(String.valueOf(suggested.newPort()));
        port.setPrefColumnCount(6);
        error.setId("rebindError");
        error.getStyleClass().add("action-error");
        error.setWrapText(true);
        oldCommand.setId("rebindOld");
        newCommand.setId("rebindNew");
        for (TextFlow flow : List.of(oldCommand, newCommand)) {
            flow.getStyleClass().add("command-flow");
            flow.setPrefWidth(420);
        }
        var copyOld = new Button("Copy old command");
        copyOld.setOnAction(e -> ActionsFeature.copy(ShellQuoting.joinExact(suggested.rewrite().oldArguments())));

        var grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        var half = new ColumnConstraints();
        half.setPercentWidth(50);
        half.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(half, half);
        var newPort = new HBox(8, new Label("New port"), port, error);
        newPort.setAlignment(Pos.BASELINE_LEFT);
        HBox.setHgrow(error, Priority.ALWAYS);
        grid.add(newPort, 0, 0, 2, 1);
        var runsAs = new Label("Runs as: " + suggested.runsAs() + " (the same user as now)");
        runsAs.setId("rebindRunsAs");
        grid.add(new VBox(4, new Label("Working directory: " + suggested.workingDirectory()), runsAs), 0, 1, 2, 1);
        grid.addRow(2, heading("Now (port " + suggested.oldPort() + ")"), heading("After"));
        grid.addRow(3, oldCommand, newCommand);
        grid.add(variables, 0, 4, 2, 1);
        unchanged.setId("rebindUnchanged");
        unchanged.setWrapText(true);
        grid.add(unchanged, 0, 5, 2, 1);
        grid.add(copyOld, 0, 6);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().setAll(MOVE, ButtonType.CANCEL);
        setResizable(true);

        port.textProperty().addListener((obs, old, text) -> update(text));
        getDialogPane().lookupButton(MOVE).addEventFilter(ActionEvent.ACTION, this::probeBeforeClosing);
        update(port.getText());
        setResultConverter(button -> button == MOVE ? planFor(port.getText()).orElse(null) : null);
    }

    /**
     * Holds the Move click until a probe of the port (off the JavaFX thread) says it is free; a refusal keeps the
     * dialog open with what was typed and why.
     */
    private void probeBeforeClosing(ActionEvent click) {
        if (probed) {
            return;
        }
        click.consume();
        Optional<RebindPlan> plan = planFor(port.getText());
        if (plan.isEmpty() || probing) {
            return;
        }
        int wanted = plan.get().newPort();
        probing = true;
        getDialogPane().lookupButton(MOVE).setDisable(true);
        error.setText("Checking " + wanted + "…");
        check.probe(wanted, problem -> {
            probing = false;
            problem.ifPresent(reason -> refusedOnClick.put(wanted, reason));
            if (problem.isEmpty() && parse(port.getText()) == wanted) {
                probed = true;
                var move = (Button) getDialogPane().lookupButton(MOVE);
                // Disabled while probing, and a disabled button ignores fire().
                move.setDisable(false);
                move.fire();
            } else {
                update(port.getText());
            }
        });
    }

    private void update(String text) {
        Optional<String> problem = problem(text);
        Optional<RebindPlan> plan = problem.isEmpty() ? planFor(text) : Optional.empty();
        getDialogPane().lookupButton(MOVE).setDisable(plan.isEmpty() || probing);
        error.setText(problem.orElse(""));
        // The preview follows the typed port even when it is refused, so it never shows another number than the field.
        PortRewrite shown = planFor(text).orElse(suggested).rewrite();
        fill(oldCommand, shown.oldArgumentTexts(), shown.newArgumentTexts(), shown.changedArguments(), "changed-old");
        fill(newCommand, shown.newArgumentTexts(), shown.oldArgumentTexts(), shown.changedArguments(), "changed-new");
        variables.getChildren().clear();
        for (String name : shown.changedVariables()) {
            var line = new TextFlow(new Text("$" + name + ": "), highlighted(shown.oldValue(name).orElse(""),
                    "changed-old"), new Text("  →  "), highlighted(shown.newValue(name).orElse(""), "changed-new"));
            variables.getChildren().add(line);
        }
        unchanged.setText(shown.unchangedSentence().map(note -> "It " + note + ".").orElse(""));
    }

    private Optional<RebindPlan> planFor(String text) {
        int wanted = parse(text);
        if (wanted < 1 || wanted > PortRange.MAX_PORT || wanted == suggested.oldPort()) {
            return Optional.empty();
        }
        return Optional.of(suggested.withNewPort(wanted));
    }

    /** Why the typed port can't be the new one, in one sentence; empty when it can. */
    private Optional<String> problem(String text) {
        int wanted = parse(text);
        if (wanted == suggested.oldPort()) {
            return Optional.of("That is the current port.");
        }
        if (wanted < 1 || wanted > PortRange.MAX_PORT) {
            return Optional.of("Enter a port from 1 to 65535.");
        }
        return Optional.ofNullable(refusedOnClick.get(wanted)).or(() -> check.problem(wanted));
    }

    private static int parse(String text) {
        String digits = text.strip();
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    /**
     * Shows a command line as Text nodes only, one per run of text: a control embedded in a TextFlow is laid out as
     * an object-replacement character, which rendered as a glyph and swallowed the following space
     * ({@code http.server ￼18100--bind}).
     */
    static void fill(TextFlow flow, List<String> shown, List<String> other, SortedSet<Integer> changed,
                     String styleClass) {
        var plain = new StringBuilder();
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            if (i > 0) {
                plain.append(' ');
            }
            String text = ShellQuoting.quote(shown.get(i));
            if (!changed.contains(i)) {
                plain.append(text);
                continue;
            }
            // Highlight only the number that changed, so "--inspect=127.0.0.1:9229" shows which part moves.
            int[] span = changedNumber(text, ShellQuoting.quote(other.get(i)));
            plain.append(text, 0, span[0]);
            flush(plain, nodes);
            nodes.add(highlighted(text.substring(span[0], span[1]), styleClass));
            plain.append(text.substring(span[1]));
        }
        flush(plain, nodes);
        flow.getChildren().setAll(nodes);
    }

    private static void flush(StringBuilder plain, List<Node> nodes) {
        if (!plain.isEmpty()) {
            nodes.add(new Text(plain.toString()));
            plain.setLength(0);
        }
    }

    /** The start and end of the differing part of {@code text}, widened to whole runs of digits. */
    static int[] changedNumber(String text, String other) {
        int start = 0;
        while (start < text.length() && start < other.length() && text.charAt(start) == other.charAt(start)) {
            start++;
        }
        int end = text.length();
        int otherEnd = other.length();
        while (end > start && otherEnd > start && text.charAt(end - 1) == other.charAt(otherEnd - 1)) {
            end--;
            otherEnd--;
        }
        while (start > 0 && Character.isDigit(text.charAt(start - 1))) {
            start--;
        }
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        return new int[] {start, end};
    }

    private static Text highlighted(String text, String styleClass) {
        var changedText = new Text(text);
        changedText.getStyleClass().add(styleClass);
        return changedText;
    }

    private static Label heading(String text) {
        var label = new Label(text);
        label.getStyleClass().add("column-heading");
        return label;
    }
}
