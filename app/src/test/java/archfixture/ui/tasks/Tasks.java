package archfixture.ui.tasks;

import java.util.concurrent.Executor;

/** Clean: the one place (besides the composition root) that reaches the JavaFX thread. */
public final class Tasks {
    private Tasks() {
    }

    /** Runs on the JavaFX thread. */
    public static Executor fxThread() {
        return javafx.application.Platform::runLater;
    }
}
