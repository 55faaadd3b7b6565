package dev.portwatch.ui;

import dev.portwatch.model.Snapshot;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Scene;

import java.util.Locale;

/**
 * Opt-in startup timing, for the window benchmark and the package-time class-list training run
 * ({@code app/src/bench/window-bench.sh}, the {@code dist} profile). Off unless the system property
 * {@code portwatch.startupProbe} is {@code print} or {@code exit}.
 *
 * <p>When the first scan has reached the table and a pulse has laid it out, it prints one line to standard error:
 * {@code portwatch-startup: first-scan-shown-at-epoch-ms=1796019555079}, the wall-clock time, which the benchmark
 * subtracts its own time of the launch from. Not a duration from the process's start: Java's
 * {@code ProcessHandle.Info.startInstant()} adds the process's start in clock ticks since boot to the boot time of
 * {@code /proc/stat}, which is whole seconds, so every start it reports is early by the same fraction of a second
 * (0.91 s on the development machine, which made the first scan look that much later). With {@code exit} it then
 * quits the application the normal way ({@link Platform#exit()}), so a training run ends by itself.
 */
final class StartupProbe {

    static final String PROPERTY = "portwatch.startupProbe";

    private StartupProbe() {
    }

    /** Hooks into the scene if the property asks for it; does nothing otherwise. FX thread. */
    static void install(Scene scene, ObservableValue<Snapshot> snapshot) {
        String mode = System.getProperty(PROPERTY, "").strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("print") && !mode.equals("exit")) {
            return;
        }
        snapshot.addListener(new ChangeListener<>() {
            @Override
            public void changed(ObservableValue<? extends Snapshot> obs, Snapshot old, Snapshot now) {
                if (now == null) {
                    return;
                }
                snapshot.removeListener(this);
                // The rows are in the list now; the next pulse lays them out and renders them.
                Runnable[] afterLayout = new Runnable[1];
                afterLayout[0] = () -> {
                    scene.removePostLayoutPulseListener(afterLayout[0]);
                    report(mode.equals("exit"));
                };
                scene.addPostLayoutPulseListener(afterLayout[0]);
                Platform.requestNextPulse();
            }
        });
    }

    private static void report(boolean exit) {
        System.err.println("portwatch-startup: first-scan-shown-at-epoch-ms=" + System.currentTimeMillis());
        if (exit) {
            Platform.exit();
        }
    }
}
