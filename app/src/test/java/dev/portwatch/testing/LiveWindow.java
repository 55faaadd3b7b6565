package dev.portwatch.testing;

import dev.portwatch.core.service.ContainerNames;
import dev.portwatch.os.Scanners;
import dev.portwatch.ui.MainView;
import dev.portwatch.ui.tasks.UiTasks;
import dev.portwatch.ui.vm.MainViewModel;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The real main window scanning the real OS, for TestFX tests: call {@link #show} from {@code @Start} and
 * {@link #close} from {@code @AfterEach}.
 */
public final class LiveWindow implements AutoCloseable {

    private final ScheduledExecutorService scans = Executors.newSingleThreadScheduledExecutor();
    private final MainViewModel model;
    private final MainView view;

    private LiveWindow(Stage stage, Consumer<MainView> features) {
        model = new MainViewModel(Scanners.create(), scans, UiTasks.on(scans, Platform::runLater),
                Clock.systemUTC(), ContainerNames.none());
        view = new MainView(model);
        features.accept(view);
        stage.setScene(new Scene(view, 1200, 800));
        stage.show();
        model.start();
    }

    /** Builds the window on {@code stage}, lets {@code features} hook into the view, shows it and starts scanning. */
    public static LiveWindow show(Stage stage, Consumer<MainView> features) {
        return new LiveWindow(stage, features);
    }

    /** The window's view. */
    public MainView view() {
        return view;
    }

    /** The window's view model. */
    public MainViewModel model() {
        return model;
    }

    /** Reads something on the FX thread. */
    public static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /** Waits (at most 30 s) for a condition evaluated on the FX thread. */
    public static void await(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(condition));
    }

    @Override
    public void close() {
        model.close();
        scans.shutdownNow();
    }
}
