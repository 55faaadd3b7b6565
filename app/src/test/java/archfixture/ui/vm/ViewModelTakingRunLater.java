package archfixture.ui.vm;

import java.util.concurrent.Executor;

/** Violation: a method reference to Platform.runLater counts as much as a call. */
public class ViewModelTakingRunLater {
    private final Executor fxThread = javafx.application.Platform::runLater;

    Executor fxThread() {
        return fxThread;
    }
}
