package dev.portwatch.ui.actions;

import dev.portwatch.core.actions.KillOutcome;
import dev.portwatch.core.actions.PortRewrite;
import dev.portwatch.core.actions.RebindPlan;
import dev.portwatch.core.actions.ShellQuoting;
import dev.portwatch.model.PortRange;
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

import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Confirms a rebind: the new port (suggested, editable, validated), the working directory, and the old and new
 * command line side by side with the changed arguments highlighted. Its result is the plan for the chosen port;
 * empty when cancelled.
 */
final class RebindDialog extends Dialog<RebindPlan> {

    /** The button that confirms. */
    static final ButtonType MOVE = new ButtonType("Move", ButtonBar.ButtonData.OK_DONE);

    private final RebindPlan suggested;
    private final TextField port = new TextField();
    private final Label error = new Label();
    private final TextFlow oldCommand = new TextFlow();
    private final TextFlow newCommand = new TextFlow();
    private final VBox variables = new VBox(2);
    private final Label unchanged = new Label();

    RebindDialog(RebindPlan suggested) {
        this.suggested = suggested;
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
        grid.add(new HBox(8, new Label("New port"), port, error), 0, 0, 2, 1);
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
        update(port.getText());
        setResultConverter(button -> button == MOVE ? planFor(port.getText()).orElse(null) : null);
    }

    private void update(String text) {
        Optional<RebindPlan> plan = planFor(text);
        getDialogPane().lookupButton(MOVE).setDisable(plan.isEmpty());
        error.setText(plan.isPresent() ? "" : problem(text));
        PortRewrite shown = plan.orElse(suggested).rewrite();
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

    private String problem(String text) {
        int wanted = parse(text);
        if (wanted == suggested.oldPort()) {
            return "That is the current port.";
        }
        return "Enter a port from 1 to 65535.";
    }

    private static int parse(String text) {
        String digits = text.strip();
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    private static void fill(TextFlow flow, List<String> shown, List<String> other, SortedSet<Integer> changed,
                             String styleClass) {
        flow.getChildren().clear();
        for (int i = 0; i < shown.size(); i++) {
            if (i > 0) {
                flow.getChildren().add(new Text(" "));
            }
            String text = ShellQuoting.quote(shown.get(i));
            if (!changed.contains(i)) {
                flow.getChildren().add(new Text(text));
                continue;
            }
            // Highlight only the number that changed, so "--inspect=127.0.0.1:9229" shows which part moves.
            int[] span = changedNumber(text, ShellQuoting.quote(other.get(i)));
            flow.getChildren().addAll(new Text(text.substring(0, span[0])),
                    highlighted(text.substring(span[0], span[1]), styleClass), new Text(text.substring(span[1])));
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

    private static Node highlighted(String text, String styleClass) {
        var label = new Label(text);
        label.getStyleClass().add(styleClass);
        return label;
    }

    private static Label heading(String text) {
        var label = new Label(text);
        label.getStyleClass().add("column-heading");
        return label;
    }
}
