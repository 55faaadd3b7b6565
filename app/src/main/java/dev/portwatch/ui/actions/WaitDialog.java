package dev.portwatch.ui.actions;

import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;

/**
 * Shows that an action is under way, with its progress; closed by the action when it ends. Hiding it does not
 * cancel the action (the OS work is already under way), which the button says.
 */
final class WaitDialog extends Dialog<Void> {

    private final ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
    private final Label step = new Label();

    WaitDialog(String title, String firstStep) {
        setTitle(title);
        setHeaderText(title);
        initModality(Modality.NONE);
        getDialogPane().setId("waitDialog");
        bar.setId("waitProgress");
        bar.setPrefWidth(380);
        step.setId("waitStep");
        step.setText(firstStep);
        getDialogPane().setContent(new VBox(10, step, bar));
        // A dialog closes programmatically only when it has a cancel-like button.
        getDialogPane().getButtonTypes().setAll(new ButtonType("Hide", ButtonType.CLOSE.getButtonData()));
    }

    /** Shows a step sentence. FX thread. */
    void step(String text) {
        step.setText(text);
    }

    /** Shows progress from 0 to 1. FX thread. */
    void progress(double fraction) {
        bar.setProgress(Math.max(0, Math.min(1, fraction)));
    }
}
