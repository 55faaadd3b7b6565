package archfixture.ui;

import java.util.concurrent.Executor;

/** Violation: a feature that takes a background executor and one standing for the JavaFX thread, not UiTasks. */
public class FeatureTakingAnFxExecutor {
    /** Wires the feature the old way. */
    public FeatureTakingAnFxExecutor(Executor background, Executor fxThread) {
    }
}
