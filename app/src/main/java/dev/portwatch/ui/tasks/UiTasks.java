package dev.portwatch.ui.tasks;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs OS work off the JavaFX thread and delivers its result on it: the one way features reach the OS from the
 * window (JabRef's {@code TaskExecutor}). {@link #direct()} runs both halves on the caller's thread, so view models
 * run in plain JUnit.
 */
public interface UiTasks {

    /**
     * Runs {@code work} in the background, then {@code onFx} with its result or {@code failedOnFx} with what it threw,
     * on the JavaFX thread.
     */
    <T> void run(Callable<T> work, Consumer<? super T> onFx, Consumer<Throwable> failedOnFx);

    /** Runs a small UI update on the JavaFX thread, for example progress reported by background work. */
    void onFx(Runnable update);

    /**
     * Background work on {@code background}, results through {@code fxThread}.
     *
     * @param background runs the work; the composition root owns it and shuts it down
     * @param fxThread   runs on the JavaFX application thread ({@code Platform::runLater})
     */
    static UiTasks on(Executor background, Executor fxThread) {
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(fxThread, "fxThread");
        Logger log = Logger.getLogger(UiTasks.class.getName());
        return new UiTasks() {
            @Override
            public <T> void run(Callable<T> work, Consumer<? super T> onFx, Consumer<Throwable> failedOnFx) {
                background.execute(() -> {
                    T value;
                    try {
                        value = work.call();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        fxThread.execute(() -> failedOnFx.accept(e));
                        return;
                    } catch (Exception e) {
                        log.log(Level.FINE, "background task failed", e);
                        fxThread.execute(() -> failedOnFx.accept(e));
                        return;
                    }
                    fxThread.execute(() -> onFx.accept(value));
                });
            }

            @Override
            public void onFx(Runnable update) {
                fxThread.execute(update);
            }
        };
    }

    /** Both halves on the caller's thread, in order: for tests. */
    static UiTasks direct() {
        return on(Runnable::run, Runnable::run);
    }
}
