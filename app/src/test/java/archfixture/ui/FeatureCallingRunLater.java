package archfixture.ui;

/** Violation: a feature that reaches the JavaFX thread by itself instead of through the injected tasks. */
public class FeatureCallingRunLater {
    void done(Runnable show) {
        javafx.application.Platform.runLater(show);
    }
}
